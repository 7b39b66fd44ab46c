/**
 * Benchmark child: one node of a Hocuspocus 3.x cluster — @hocuspocus/server with
 * @hocuspocus/extension-redis (updates and awareness between nodes over Redis pub/sub, a Redlock
 * around each store) and the same durable storage as bench/servers/hocuspocus.ts (its Database
 * extension over better-sqlite3), here on one SQLite file that every node of the cluster shares
 * (WAL, so several processes can use it). Prints "READY <url>".
 *
 * Env: HOCUSPOCUS_DB (the shared file, required), REDIS_URL (required), PORT (0 = any).
 */
import SQLite from 'better-sqlite3';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';

const file = process.env.HOCUSPOCUS_DB;
const redisUrl = process.env.REDIS_URL;
if (!file || !redisUrl) throw new Error('HOCUSPOCUS_DB and REDIS_URL are required');
const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.exec('create table if not exists documents (name text primary key, data blob)');
const select = db.prepare('select data from documents where name = ?');
const upsert = db.prepare('insert into documents (name, data) values (?, ?) on conflict(name) do update set data = excluded.data');
const redis = new URL(redisUrl);

const relay = new Redis({ host: redis.hostname, port: Number(redis.port || 6379) });
// Listen only once both Redis connections are ready. A document loaded before that (a client that
// connects to a node that just started) never gets its subscription: the extension's SUBSCRIBE is
// queued by ioredis before the connection's ready check, ioredis then fails the check ("Connection in
// subscriber mode, only subscriber commands may be used") and the queued SUBSCRIBE is gone, so the
// node never hears the other nodes' updates for that document (seen in this bench: every cross-node
// delivery missing). A real deployment starts its nodes well before clients arrive; so does this bench.
await Promise.all(
	[relay.pub, relay.sub].map(
		(c) => new Promise<void>((resolve) => ((c as { status: string }).status === 'ready' ? resolve() : c.once('ready', () => resolve())))
	)
);

const server = new Server({
	port: Number(process.env.PORT ?? 0),
	quiet: true,
	extensions: [
		relay,
		new Database({
			fetch: async ({ documentName }) => (select.get(documentName) as { data: Buffer } | undefined)?.data ?? null,
			store: async ({ documentName, state }) => void upsert.run(documentName, state)
		})
	]
});
await server.listen(Number(process.env.PORT ?? 0));
const address = server.httpServer.address() as { port: number };
process.stdout.write(`READY ws://127.0.0.1:${address.port}\n`);
process.on('SIGTERM', async () => {
	await server.destroy();
	db.close();
	process.exit(0);
});
