/**
 * Real server, real HTTP and WebSocket clients, and a real database: SQLite in a temporary folder, or
 * (the `postgres` test project) a fresh PostgreSQL database of its own, dropped when it stops.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import { startServer, type RunningServer } from '../../../server/server.js';
import type { Kysely, RawBuilder } from 'kysely';
import type { Config } from '../../../server/config.js';
import { createTestDatabase, testDatabaseKind } from './test-database.js';

export const DEMO_PASSWORD = 'demo-phoihop';

export interface TestServer extends RunningServer {
	dataDir: string;
	wsUrl: string;
	stop(): Promise<void>;
}

export function tempDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-test-'));
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
	const dataDir = overrides.dataDir ?? tempDataDir();
	const pg = testDatabaseKind() === 'postgres' && overrides.databaseUrl === undefined ? await createTestDatabase() : null;
	let running: RunningServer;
	try {
		running = await startServer(
			{ port: 0, host: '127.0.0.1', dataDir, demo: true, roomIdleMs: 200, databaseUrl: pg?.url ?? null, ...overrides },
			{ web: false, quiet: true }
		);
	} catch (err) {
		await pg?.drop();
		throw err;
	}
	return {
		...running,
		dataDir,
		wsUrl: running.url.replace(/^http/, 'ws'),
		async stop() {
			try {
				await running.close();
			} finally {
				fs.rmSync(dataDir, { recursive: true, force: true });
				await pg?.drop();
			}
		}
	};
}

export async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
	const res = await fetch(`${baseUrl}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password })
	});
	if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { token: string }).token;
}

export async function api<T = unknown>(baseUrl: string, token: string, pathname: string, init: RequestInit = {}): Promise<T> {
	const res = await fetch(`${baseUrl}${pathname}`, {
		...init,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) }
	});
	if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

export interface BoardClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	denied: string[];
	destroy(): void;
}

/** A stock y-websocket client on a board, signed in with a session token. */
export function connectBoard(wsUrl: string, boardId: string, token: string, opts: { connect?: boolean } = {}): BoardClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsUrl}/sync`, `board/${boardId}`, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token },
		connect: opts.connect ?? true,
		disableBc: true
	});
	const denied: string[] = [];
	// Record the server's "permission denied" auth messages (the stock handler only logs them).
	provider.messageHandlers[2] = (_encoder, decoder) => {
		authProtocol.readAuthMessage(decoder, doc, (_d, reason) => denied.push(reason));
	};
	return {
		doc,
		provider,
		denied,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const start = Date.now();
	while (!cond()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export async function synced(client: BoardClient, timeoutMs = 5000): Promise<void> {
	await waitFor(() => client.provider.synced, timeoutMs, 'provider synced');
}

/** Opens a raw WebSocket and resolves with the close code the server sends. */
export function closeCodeOf(url: string, headers: Record<string, string> = {}, send?: (ws: WebSocket) => void): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.on('open', () => send?.(ws));
		ws.on('close', (code) => resolve(code));
		ws.on('error', reject);
	});
}

/** The id of a demo organization (Cần Thơ holds the first release's demo accounts). */
export async function orgIdOf(server: TestServer, slug = 'can-tho'): Promise<string> {
	const { findOrganization } = await import('../../../server/orgs/organizations.js');
	const org = await findOrganization(server.ctx.db, slug);
	if (!org) throw new Error(`no organization ${slug}`);
	return org.id;
}

/** The rows of a raw query on the server's database (SQLite or PostgreSQL alike). */
export async function queryRows<T>(server: { ctx: { db: Kysely<any> } }, query: RawBuilder<T>): Promise<T[]> {
	return (await query.execute(server.ctx.db)).rows;
}

/** The first column of the first row (a count, an id), or undefined. */
export async function queryValue<T = unknown>(server: { ctx: { db: Kysely<any> } }, query: RawBuilder<unknown>): Promise<T | undefined> {
	const [row] = await queryRows(server, query);
	return row ? (Object.values(row as object)[0] as T) : undefined;
}
