import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { startWalCheckpointer } from '../../../server/db/wal-checkpointer.js';

describe('WAL checkpoints in a worker', () => {
	it('keep the write-ahead log bounded, even under continuous writes, while the main connection never checkpoints itself', async () => {
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
			await new Promise((r) => setTimeout(r, 5));
		}
		const wal = fs.statSync(`${file}-wal`).size;
		await checkpointer.stop();
		db.close();
		fs.rmSync(dir, { recursive: true, force: true });
		expect(written).toBeGreaterThan(30 * 1024 * 1024);
		// Without checkpoints the log would hold everything written; here it stays near the 4 MiB limit.
		expect(wal).toBeLessThan(12 * 1024 * 1024);
	});
});
