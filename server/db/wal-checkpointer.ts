/**
 * WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold, stalling that commit (and so the sync relay behind it) for milliseconds.
 * Here the main connection never checkpoints; a worker thread with its own connection runs passive
 * checkpoints, which proceed alongside writers. Under writes so continuous that a passive checkpoint
 * never catches up (the log can only restart from its beginning after one does), the worker falls
 * back to a truncating checkpoint once the log passes a size limit; writers then wait for it briefly.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';

const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
const walSize = () => { try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; } };
const timer = setInterval(() => {
	try {
		db.pragma(walSize() > workerData.maxWalBytes ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
	} catch (e) { parentPort.postMessage(String(e)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface WalCheckpointer {
	stop(): Promise<void>;
}

export function startWalCheckpointer(
	sqlite: SQLite.Database,
	file: string,
	{ intervalMs = 1000, maxWalBytes = 32 * 1024 * 1024 } = {}
): WalCheckpointer {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs, maxWalBytes } });
	worker.unref();
	sqlite.pragma('wal_autocheckpoint = 0');
	// If the worker cannot run, SQLite goes back to checkpointing by itself rather than letting the WAL grow.
	const fallBack = () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000');
	worker.on('error', fallBack);
	let stopped = false;
	return {
		stop() {
			if (stopped) return Promise.resolve();
			stopped = true;
			worker.off('error', fallBack);
			return new Promise((resolve) => {
				worker.once('exit', () => resolve());
				worker.postMessage('stop');
				setTimeout(() => void worker.terminate(), 2000).unref();
			});
		}
	};
}
