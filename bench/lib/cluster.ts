/**
 * Clusters for the cluster benchmark: N node processes on one database and one Redis of their own.
 *
 * - Phối hợp: `server/index.ts` nodes (the helpers of tests/integration/helpers/cluster.ts) on a
 *   fresh PostgreSQL database copied from a template seeded once per bench run (or, with --db=sqlite,
 *   on a copy of a seeded SQLite directory that every node opens), REDIS_URL set (also for one node:
 *   the code path a clustered deployment runs).
 * - Hocuspocus 3.x + @hocuspocus/extension-redis (bench/servers/hocuspocus-redis.ts) on one shared
 *   SQLite file that starts with the same board.
 *
 * Each node's CPU is read from /proc (its pid); so are Redis's and, for PostgreSQL, the backends of
 * the cluster's database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { PG_ADMIN_URL, freePort, startNode, startRedis, type ClusterNode, type TestRedis } from '../../tests/integration/helpers/cluster.js';
import { cpuSeconds } from './process-stats.js';
import type { Endpoint } from './clients.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export type ClusterKind = 'phoihop' | 'hocuspocus-redis';
export type DbKind = 'postgres' | 'sqlite';

/** What the bench needs of one node. */
export interface BenchNode {
	/** http:// for Phối hợp, ws:// for Hocuspocus. */
	url: string;
	port: number;
	pid: number;
	alive(): boolean;
	kill(): Promise<void>;
	stop(): Promise<void>;
}

export interface BenchCluster {
	kind: ClusterKind;
	nodes: BenchNode[];
	redis: TestRedis & { pid: number };
	/** The endpoint (for bench/lib/clients.ts and light-client.ts) of node i, or of a node or balancer URL. */
	endpoint(at: number | BenchNode | { url: string }): Endpoint;
	/** CPU seconds so far: the nodes (killed ones keep their last reading), Redis, the database's own processes. */
	cpu(): Promise<{ nodes: number; redis: number; db: number }>;
	/** PostgreSQL: rows written so far (inserted + updated + deleted) per table of the cluster's database; {} otherwise. */
	dbRowWrites(): Promise<Record<string, number>>;
	/** Starts one more node on the same storage (after the others stopped: a reading of what was stored). */
	startExtraNode(): Promise<BenchNode>;
	stop(): Promise<void>;
}

/** The board every cluster starts with. */
export interface Seed {
	db: DbKind;
	/** PostgreSQL: the template database; SQLite: the seeded directory. */
	template: string;
	boardId: string;
	token: string;
	userId: string;
	/** Hocuspocus: the board's state (the same plan, built by the bench). */
	hocuspocusState: Uint8Array;
	drop(): Promise<void>;
}

function pgUrl(name: string): string {
	const url = new URL(PG_ADMIN_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
	const client = new pg.Client({ connectionString: PG_ADMIN_URL });
	await client.connect();
	try {
		return await client.query(sql, params);
	} finally {
		await client.end();
	}
}

function runSeed(env: Record<string, string>): Promise<{ boardId: string; token: string; userId: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, '../servers/phoihop-seed.ts')], {
			env: { ...process.env, ...env, NODE_ENV: 'production' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		child.stdout!.on('data', (d) => (out += d));
		child.on('exit', (code) => {
			const m = /SEEDED (\S+) (\S+) (\S+)/.exec(out);
			if (code === 0 && m) resolve({ boardId: m[1], token: m[2], userId: m[3] });
			else reject(new Error(`seeding exited with ${code}: ${out.slice(-500)}`));
		});
	});
}

/** Seeds the template once per bench run. */
export async function seedTemplate(db: DbKind, cards: number, hocuspocusState: Uint8Array): Promise<Seed> {
	if (db === 'postgres') {
		const name = `phoihop_bench_tpl_${randomBytes(4).toString('hex')}`;
		await adminQuery(`create database ${name}`);
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-bench-seed-'));
		try {
			const seeded = await runSeed({ DATABASE_URL: pgUrl(name), DATA_DIR: dataDir, BENCH_CARDS: String(cards) });
			return {
				db,
				template: name,
				...seeded,
				hocuspocusState,
				drop: () => adminQuery(`drop database if exists ${name} with (force)`).then(() => {})
			};
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-bench-seed-'));
	const seeded = await runSeed({ DATA_DIR: dataDir, BENCH_CARDS: String(cards), DATABASE_URL: '' });
	return { db, template: dataDir, ...seeded, hocuspocusState, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** CPU of PostgreSQL backends serving one database, as deltas that survive backends coming and going. */
class PgCpu {
	private base = new Map<number, number>();
	private last = new Map<number, number>();
	private gone = 0;
	constructor(private dbName: string) {}
	async read(): Promise<number> {
		const { rows } = await adminQuery('select pid from pg_stat_activity where datname = $1', [this.dbName]);
		const now = new Map<number, number>();
		for (const { pid } of rows as { pid: number }[]) {
			try {
				now.set(pid, cpuSeconds(pid));
			} catch {
				// exited meanwhile
			}
		}
		for (const [pid, v] of this.last) if (!now.has(pid)) this.gone += v - (this.base.get(pid) ?? 0);
		for (const pid of now.keys()) if (!this.base.has(pid)) this.base.set(pid, 0);
		this.last = now;
		let sum = this.gone;
		for (const [pid, v] of now) sum += v - (this.base.get(pid) ?? 0);
		return sum;
	}
}

function lastCpu(pid: number): () => number {
	let last = 0;
	return () => {
		try {
			last = cpuSeconds(pid);
		} catch {
			// exited: its last reading stands
		}
		return last;
	};
}

function wrapPhoihop(n: ClusterNode): BenchNode {
	const alive = () => n.child.exitCode === null && n.child.signalCode === null;
	return {
		url: n.url,
		port: n.port,
		pid: n.child.pid!,
		alive,
		kill: () => n.kill(),
		stop: async () => {
			await n.stop();
		}
	};
}

/** Stores Hocuspocus's Redis extension refused because the other node held the document's lock. */
export let hocuspocusLockConflicts = 0;

function spawnHocuspocus(env: Record<string, string>): Promise<BenchNode> {
	return new Promise((resolve, reject) => {
		const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, '../servers/hocuspocus-redis.ts')], {
			env: { ...process.env, ...env, NODE_ENV: 'production' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		// Hocuspocus logs every store that lost the Redlock race to the other node ("Could not acquire
		// lock"): counted, not printed; anything else it says goes to our stderr.
		let err = '';
		child.stderr!.on('data', (d) => {
			err += d;
			const blocks = err.split(/\n(?=\S)/);
			err = blocks.pop() ?? '';
			for (const b of blocks) {
				if (/Could not acquire lock|Caught error during storeDocumentHooks/.test(b) || /^\s*(at |\[cause\]|\}|cause:)/.test(b)) {
					if (b.includes('Could not acquire lock')) hocuspocusLockConflicts++;
					continue;
				}
				process.stderr.write(`[hocuspocus-redis] ${b}\n`);
			}
		});
		const exited = new Promise<void>((r) => child.once('exit', () => r()));
		const onExit = (code: number | null) => reject(new Error(`hocuspocus-redis exited with ${code}`));
		child.on('exit', onExit);
		child.stdout!.on('data', (d) => {
			out += d;
			const m = /READY (\S+)\n/.exec(out);
			if (!m) return;
			child.off('exit', onExit);
			child.stdout!.removeAllListeners('data');
			child.stdout!.resume();
			const alive = () => child.exitCode === null && child.signalCode === null;
			resolve({
				url: m[1],
				port: Number(new URL(m[1]).port),
				pid: child.pid!,
				alive,
				async kill() {
					if (alive()) child.kill('SIGKILL');
					await exited;
				},
				async stop() {
					if (!alive()) return;
					child.kill('SIGTERM');
					const t = setTimeout(() => child.kill('SIGKILL'), 5000);
					await exited;
					clearTimeout(t);
				}
			});
		});
	});
}

/** Starts a cluster of `count` nodes on a fresh copy of the seed and a Redis of its own. */
export async function startCluster(kind: ClusterKind, count: number, seed: Seed): Promise<BenchCluster> {
	const redis = await startRedis();
	const redisPid = await redisServerPid(redis.port);
	const redisCpu = lastCpu(redisPid);
	const cleanups: (() => Promise<void>)[] = [];
	let nodes: BenchNode[] = [];
	let startOne: () => Promise<BenchNode>;
	let dbCpu: () => Promise<number> = async () => 0;
	let dbRowWrites: () => Promise<Record<string, number>> = async () => ({});
	if (kind === 'phoihop') {
		const env: Record<string, string> = { REDIS_URL: redis.url, PHOIHOP_DEMO: '0', SYNC_ROOM_IDLE_MS: '30000', NODE_ENV: 'production' };
		if (seed.db === 'postgres') {
			const name = `phoihop_bench_${randomBytes(4).toString('hex')}`;
			await adminQuery(`create database ${name} template ${seed.template}`);
			cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`).then(() => {}));
			env.DATABASE_URL = pgUrl(name);
			const meter = new PgCpu(name);
			dbCpu = () => meter.read();
			dbRowWrites = async () => {
				// Backends report their counters at the end of a transaction, and at most once a second
				// while busy: read after a short pause.
				await new Promise((r) => setTimeout(r, 1100));
				const client = new pg.Client({ connectionString: pgUrl(name) });
				await client.connect();
				try {
					const { rows } = await client.query('select relname, n_tup_ins + n_tup_upd + n_tup_del as n from pg_stat_user_tables');
					return Object.fromEntries((rows as { relname: string; n: string }[]).map((r) => [r.relname, Number(r.n)]));
				} finally {
					await client.end();
				}
			};
		} else {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-bench-cluster-'));
			fs.cpSync(seed.template, dir, { recursive: true });
			cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
			env.DATA_DIR = dir;
			env.DATABASE_URL = '';
		}
		startOne = async () => wrapPhoihop(await startNode(env));
	} else {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocuspocus-bench-cluster-'));
		cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
		const file = path.join(dir, 'db.sqlite');
		const db = new SQLite(file);
		db.pragma('journal_mode = WAL');
		db.exec('create table documents (name text primary key, data blob)');
		db.prepare('insert into documents (name, data) values (?, ?)').run(`board/${seed.boardId}`, Buffer.from(seed.hocuspocusState));
		db.close();
		startOne = async () => spawnHocuspocus({ HOCUSPOCUS_DB: file, REDIS_URL: redis.url, PORT: String(await freePort()) });
	}
	try {
		nodes = await Promise.all(Array.from({ length: count }, () => startOne()));
	} catch (err) {
		for (const c of cleanups) await c().catch(() => {});
		await redis.stop();
		throw err;
	}
	const nodeCpu = nodes.map((n) => lastCpu(n.pid));
	const extra: BenchNode[] = [];
	return {
		kind,
		nodes,
		redis: { ...redis, pid: redisPid },
		endpoint(at) {
			const url = typeof at === 'number' ? nodes[at].url : at.url;
			return kind === 'phoihop'
				? { kind: 'phoihop', url: url.replace(/^ws/, 'http'), room: `board/${seed.boardId}`, token: seed.token, userId: seed.userId }
				: { kind: 'hocuspocus', url: url.replace(/^http/, 'ws'), room: `board/${seed.boardId}`, userId: seed.userId };
		},
		async cpu() {
			return { nodes: nodeCpu.reduce((s, f) => s + f(), 0), redis: redisCpu(), db: await dbCpu() };
		},
		dbRowWrites: () => dbRowWrites(),
		async startExtraNode() {
			const n = await startOne();
			extra.push(n);
			return n;
		},
		async stop() {
			await Promise.all([...nodes, ...extra].map((n) => n.stop().catch(() => {})));
			await redis.stop();
			for (const c of cleanups) await c().catch((err) => console.error(`cleanup: ${String(err)}`));
		}
	};
}

/** The pid of the redis-server listening on a port (startRedis keeps its child to itself). */
async function redisServerPid(port: number): Promise<number> {
	const { Redis } = await import('ioredis');
	const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
	await r.connect();
	const info = await r.info('server');
	r.disconnect();
	const m = /process_id:(\d+)/.exec(info);
	if (!m) throw new Error('redis-server pid not found');
	return Number(m[1]);
}
