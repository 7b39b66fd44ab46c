/**
 * A cluster for tests: real node processes (`server/index.ts`), a Redis server of the test's own (so
 * it can be killed and restarted without disturbing anything else), a fresh PostgreSQL database, and
 * a round-robin TCP balancer in front of the nodes that skips nodes that refuse connections — what a
 * load balancer without sticky sessions does.
 */
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { adminDatabaseUrl, createTestDatabase, postgresUnavailable } from './test-database.js';

/** The PostgreSQL server the test databases are made on (test-database.ts decides). */
export const PG_ADMIN_URL = adminDatabaseUrl();

/** Whether PostgreSQL answers and redis-server can be started; the reason when not. */
export async function clusterPrerequisites(): Promise<string | null> {
	if (spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not installed';
	return postgresUnavailable();
}

/** A fresh database for a cluster (test-database.ts makes and drops it). */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	return createTestDatabase();
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

export interface TestRedis {
	url: string;
	port: number;
	stop(): Promise<void>;
	/** Kills the server (SIGKILL) and starts a new one on the same port after `downMs`. */
	restart(downMs: number): Promise<void>;
}

function launchRedis(port: number): Promise<ChildProcess> {
	return new Promise((resolve, reject) => {
		const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stdout!.on('data', (d) => {
			out += d;
			if (out.includes('Ready to accept connections')) resolve(child);
		});
		child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`)));
	});
}

export async function startRedis(): Promise<TestRedis> {
	const port = await freePort();
	let child = await launchRedis(port);
	const kill = () =>
		new Promise<void>((r) => {
			if (child.exitCode !== null || child.signalCode !== null) return r();
			child.removeAllListeners('exit');
			child.once('exit', () => r());
			child.kill('SIGKILL');
		});
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		stop: kill,
		async restart(downMs: number) {
			await kill();
			await new Promise((r) => setTimeout(r, downMs));
			child = await launchRedis(port);
		}
	};
}

export interface ClusterNode {
	url: string;
	port: number;
	child: ChildProcess;
	/** kill -9. */
	kill(): Promise<void>;
	/** SIGTERM, and waits for the exit. */
	stop(): Promise<number | null>;
	output(): string;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export async function startNode(env: Record<string, string>): Promise<ClusterNode> {
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-node-'));
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/index.ts')], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SYNC_ROOM_IDLE_MS: '2000', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	const url = `http://127.0.0.1:${port}`;
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`node exited with ${child.exitCode}:\n${out}`);
		try {
			const res = await fetch(`${url}/api/ready`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > 60_000) throw new Error(`node did not become ready:\n${out}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
	void exited.then(cleanup);
	return {
		url,
		port,
		child,
		output: () => out,
		async kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			return exited;
		}
	};
}

export interface Balancer {
	url: string;
	wsUrl: string;
	close(): Promise<void>;
}

/** Round-robin TCP balancer over the nodes' ports; a node that refuses is skipped. */
export async function startBalancer(ports: () => number[]): Promise<Balancer> {
	let next = 0;
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.pause();
		const candidates = ports();
		const tryConnect = (attempt: number) => {
			if (attempt >= candidates.length) return client.destroy();
			const port = candidates[next++ % candidates.length];
			const upstream = net.connect(port, '127.0.0.1');
			upstream.once('connect', () => {
				sockets.add(upstream);
				upstream.on('close', () => {
					sockets.delete(upstream);
					client.destroy();
				});
				client.on('close', () => upstream.destroy());
				client.on('error', () => upstream.destroy());
				upstream.on('error', () => client.destroy());
				client.pipe(upstream).pipe(client);
				client.resume();
			});
			upstream.once('error', () => tryConnect(attempt + 1));
		};
		tryConnect(0);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.address() as net.AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		close: () =>
			new Promise((r) => {
				for (const s of sockets) s.destroy();
				server.close(() => r());
			})
	};
}
