import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { startWalCheckpointer } from '../../../server/db/wal-checkpointer.js';

describe('WAL checkpoints in a worker', () => {
	it('keep the write-ahead log bounded under continuous writes without ever blocking the writer, and give the space back when quiet', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-wal-'));
		const file = path.join(dir, 'db.sqlite');
		const db = new SQLite(file);
		db.pragma('journal_mode = WAL');
		db.exec('create table t (data blob)');
		const checkpointer = startWalCheckpointer(db, file, { intervalMs: 100, maxWalBytes: 4 * 1024 * 1024 });
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		const insert = db.prepare('insert into t (data) values (?)');
		const blob = Buffer.alloc(4096, 1);
		let written = 0;
		const end = Date.now() + 2000;
		while (Date.now() < end) {
			for (let i = 0; i < 100; i++) insert.run(blob);
			written += 100 * blob.length;
			await new Promise((r) => setTimeout(r, 20));
		}
		const wal = fs.statSync(`${file}-wal`).size;
		expect(written).toBeGreaterThan(20 * 1024 * 1024);
		// Without checkpoints the log would hold everything written; here it restarts each time the main
		// thread finishes what the worker copied, so the file stays within a few times the 4 MiB limit.
		expect(wal).toBeLessThan(16 * 1024 * 1024);
		expect(checkpointer.finishes).toBeGreaterThan(0);
		// Once writes stop, the file is given back.
		const quietUntil = Date.now() + 3000;
		while (fs.statSync(`${file}-wal`).size > 4 * 1024 * 1024 && Date.now() < quietUntil) await new Promise((r) => setTimeout(r, 50));
		expect(fs.statSync(`${file}-wal`).size).toBeLessThanOrEqual(4 * 1024 * 1024);
		expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: written / blob.length });
		await checkpointer.stop();
		db.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
