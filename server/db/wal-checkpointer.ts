/**
 * WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold, stalling that commit (and so the sync relay behind it) for milliseconds.
 * Here the main connection never checkpoints automatically; a worker thread with its own connection
 * runs passive checkpoints, which copy the log into the database alongside writers.
 *
 * Under continuous writes a passive checkpoint never catches up with the writer (the log can only
 * restart from its beginning once every frame is copied), so the log file keeps growing. Blocking
 * checkpoints (RESTART, TRUNCATE) would end that, but they stop every writer while they wait, and a
 * writer's busy handler sleeps in coarse steps: measured, a 32 MiB TRUNCATE stalled a commit (and the
 * relay behind it) for 80–110 ms. Instead, when the log passes the limit the worker asks the main
 * thread to finish the job: right after the worker's own pass only a few milliseconds of frames are
 * left to copy, the main thread copies them between two commits (a passive checkpoint, no waiting),
 * and its next write restarts the log. The file keeps its size until the database has been quiet for
 * a whole interval; then the worker truncates it, with no writer to wait for.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';

export interface WalCheckpointer {
	/** Main-thread checkpoints run so far (to finish what the worker started). */
	readonly finishes: number;
	stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
	intervalMs?: number;
	/** Past this size the main thread finishes a checkpoint so that the log restarts. */
	maxWalBytes?: number;
	/** Past this size (the main thread cannot keep up) the worker truncates the log, blocking writers. */
	emergencyWalBytes?: number;
}

export function startWalCheckpointer(
	sqlite: SQLite.Database,
	file: string,
	{ intervalMs = 1000, maxWalBytes = 64 * 1024 * 1024, emergencyWalBytes = 256 * 1024 * 1024 }: WalCheckpointerOptions = {}
): WalCheckpointer {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	// Plain JavaScript, so that the worker runs without the TypeScript loader the server starts with.
	const worker = new Worker(new URL('./wal-checkpoint-worker.cjs', import.meta.url), {
		workerData: { file, driver, intervalMs, maxWalBytes, emergencyWalBytes }
	});
	worker.unref();
	sqlite.pragma('wal_autocheckpoint = 0');
	// If the worker cannot run, SQLite goes back to checkpointing by itself rather than letting the WAL grow.
	const fallBack = () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000');
	worker.on('error', fallBack);
	let finishes = 0;
	worker.on('message', (m: string) => {
		if (m !== 'finish' || !sqlite.open || sqlite.inTransaction) return;
		try {
			// Passive: copies the frames the worker has not, never waits; busy if the worker is mid-pass.
			sqlite.pragma('wal_checkpoint(PASSIVE)');
			finishes++;
		} catch {
			// The next message tries again.
		}
	});
	let stopped = false;
	return {
		get finishes() {
			return finishes;
		},
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
