/**
 * Benchmark child: @hocuspocus/server 3.x with durable storage in SQLite (its Database extension over
 * better-sqlite3, as its own SQLite extension would do). Prints "READY <url>".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocuspocus-bench-'));
const db = new SQLite(path.join(dir, 'db.sqlite'));
db.pragma('journal_mode = WAL');
db.exec('create table if not exists documents (name text primary key, data blob)');
const select = db.prepare('select data from documents where name = ?');
const upsert = db.prepare('insert into documents (name, data) values (?, ?) on conflict(name) do update set data = excluded.data');

const server = new Server({
	port: 0,
	quiet: true,
	extensions: [
		new Database({
			fetch: async ({ documentName }) => (select.get(documentName) as { data: Buffer } | undefined)?.data ?? null,
			store: async ({ documentName, state }) => void upsert.run(documentName, state)
		})
	]
});
await server.listen(0);
const address = server.httpServer.address() as { port: number };
process.stdout.write(`READY ws://127.0.0.1:${address.port}\n`);
process.on('SIGTERM', async () => {
	await server.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
	process.exit(0);
});
