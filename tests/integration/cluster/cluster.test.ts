/**
 * Three node processes on one PostgreSQL database and one Redis, behind a round-robin balancer
 * without sticky sessions; stock y-websocket clients spread over the nodes.
 *
 * - Clients on different nodes converge.
 * - `kill -9` of a node mid-edit: its clients reconnect (through the balancer) to another node, and no
 *   edit that any client had seen is lost — nor any edit a client made.
 * - Redis killed and restarted mid-edit: the nodes catch up from PostgreSQL.
 * - A node started later serves the current state.
 *
 * Needs PostgreSQL and redis-server (both on the CI machines); skipped with the reason otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { resultText } from '../../../src/lib/core/board-doc.js';
import {
	clusterPrerequisites,
	freshDatabase,
	startBalancer,
	startNode,
	startRedis,
	type Balancer,
	type ClusterNode,
	type TestRedis
} from '../helpers/cluster.js';
import { DEMO_PASSWORD, waitFor } from '../helpers/server.js';

const missing = await clusterPrerequisites();
if (missing) console.warn(`[skipped] cluster tests: ${missing}`);

let redis: TestRedis;
let database: { url: string; drop(): Promise<void> };
const nodes: ClusterNode[] = [];
let balancer: Balancer;

async function login(baseUrl: string, username: string): Promise<string> {
	const res = await fetch(`${baseUrl}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: DEMO_PASSWORD })
	});
	if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
	return ((await res.json()) as { token: string }).token;
}

async function get<T>(baseUrl: string, token: string, p: string): Promise<T> {
	const res = await fetch(`${baseUrl}${p}`, { headers: { authorization: `Bearer ${token}` } });
	if (!res.ok) throw new Error(`${p}: ${res.status}`);
	return (await res.json()) as T;
}

interface Client {
	name: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
	made: string[];
	destroy(): void;
}

function connect(wsUrl: string, boardId: string, token: string, name: string): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsUrl}/sync`, `board/${boardId}`, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token },
		disableBc: true,
		maxBackoffTime: 500
	});
	return {
		name,
		doc,
		provider,
		made: [],
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

const TOKEN = /\|([a-z0-9-]+);/g;
function tokensIn(doc: Y.Doc, cardIds: string[]): Set<string> {
	const out = new Set<string>();
	for (const id of cardIds) {
		const text = resultText(doc, id).toString();
		for (const m of text.matchAll(TOKEN)) out.add(m[1]);
	}
	return out;
}

/** Writes while `running()`: each client appends its own tokens to one card's result text. */
function writeLoop(clients: Client[], cardIds: string[], running: () => boolean, tag: string): Promise<void> {
	let n = 0;
	return new Promise((resolve) => {
		const tick = () => {
			if (!running()) return resolve();
			for (const [i, c] of clients.entries()) {
				const card = cardIds[i % cardIds.length];
				if (!c.provider.synced) continue; // a reconnecting client keeps its edits for later anyway
				const token = `${tag}-${i}-${n}`;
				const text = resultText(c.doc, card);
				text.insert(text.length, `|${token};`);
				c.made.push(token);
			}
			n++;
			setTimeout(tick, 40);
		};
		tick();
	});
}

/** Every token any client had, sampled while the edits run. */
function watchSeen(clients: Client[], cardIds: string[], seen: Set<string>): () => void {
	const t = setInterval(() => {
		for (const c of clients) for (const token of tokensIn(c.doc, cardIds)) seen.add(token);
	}, 50);
	return () => clearInterval(t);
}

const snapshot = (doc: Y.Doc, cardIds: string[]) => cardIds.map((id) => resultText(doc, id).toString()).join('\n');

describe.skipIf(missing !== null)('three nodes on PostgreSQL and Redis', () => {
	let boardId: string;
	let cardIds: string[];
	let managerToken: string;
	let adminToken: string;

	beforeAll(async () => {
		redis = await startRedis();
		database = await freshDatabase();
		const env = { DATABASE_URL: database.url, REDIS_URL: redis.url };
		// The first node migrates and loads the demo workspace; the others join the same database.
		nodes.push(await startNode(env));
		nodes.push(await startNode({ ...env, PHOIHOP_DEMO: '0' }));
		nodes.push(await startNode({ ...env, PHOIHOP_DEMO: '0' }));
		balancer = await startBalancer(() => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null).map((n) => n.port));
		managerToken = await login(balancer.url, 'thuky');
		adminToken = await login(balancer.url, 'admin');
		const boards = await get<{ id: string }[]>(balancer.url, managerToken, '/api/boards');
		boardId = boards[0].id;
		const board = await get<{ cards: { id: string }[] }>(balancer.url, managerToken, `/api/boards/${boardId}`);
		cardIds = board.cards.slice(0, 3).map((c) => c.id);
	}, 120_000);

	afterAll(async () => {
		await balancer?.close();
		await Promise.all(nodes.map((n) => n.stop()));
		await redis?.stop();
		await database?.drop();
	}, 60_000);

	function freshClientOn(url: string, name = 'reader'): Client {
		return connect(url.replace(/^http/, 'ws'), boardId, adminToken, name);
	}

	async function converged(clients: Client[], timeoutMs = 20_000): Promise<string> {
		const reader = freshClientOn(nodes.find((n) => n.child.exitCode === null && n.child.signalCode === null)!.url);
		try {
			await waitFor(
				() => reader.provider.synced && clients.every((c) => c.provider.synced && snapshot(c.doc, cardIds) === snapshot(reader.doc, cardIds)),
				timeoutMs,
				'every client holds what the database holds'
			);
			return snapshot(reader.doc, cardIds);
		} finally {
			reader.destroy();
		}
	}

	it('clients on different nodes converge; a node killed mid-edit loses nothing anyone had seen', async () => {
		const clients = Array.from({ length: 6 }, (_, i) => connect(balancer.wsUrl, boardId, i % 2 ? managerToken : adminToken, `client-${i}`));
		try {
			await waitFor(() => clients.every((c) => c.provider.synced), 20_000, 'clients synced');
			const seen = new Set<string>();
			const stopWatching = watchSeen(clients, cardIds, seen);
			let phase = true;
			const writing = writeLoop(clients, cardIds, () => phase, 'a');
			await new Promise((r) => setTimeout(r, 1500));
			// kill -9 of the second node, mid-edit.
			await nodes[1].kill();
			await new Promise((r) => setTimeout(r, 2500));
			phase = false;
			await writing;
			await waitFor(() => clients.every((c) => c.provider.wsconnected && c.provider.synced), 20_000, 'clients reconnected');
			const final = await converged(clients);
			stopWatching();
			const finalTokens = new Set([...final.matchAll(TOKEN)].map((m) => m[1]));
			const lostSeen = [...seen].filter((t) => !finalTokens.has(t));
			const lostMade = clients.flatMap((c) => c.made).filter((t) => !finalTokens.has(t));
			expect(seen.size).toBeGreaterThan(100);
			expect(lostSeen, 'tokens some client had seen').toEqual([]);
			expect(lostMade, 'tokens some client made').toEqual([]);
		} finally {
			for (const c of clients) c.destroy();
		}
	}, 120_000);

	it('Redis killed and restarted mid-edit: the nodes catch up from PostgreSQL', async () => {
		// Clients straight on the two live nodes, so that crossing nodes is the only way to converge.
		const live = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
		const clients = [0, 1, 2, 3].map((i) => connect(live[i % live.length].url.replace(/^http/, 'ws'), boardId, managerToken, `r-${i}`));
		try {
			await waitFor(() => clients.every((c) => c.provider.synced), 20_000, 'clients synced');
			let phase = true;
			const writing = writeLoop(clients, cardIds, () => phase, 'r');
			await new Promise((r) => setTimeout(r, 700));
			await redis.restart(2000);
			await new Promise((r) => setTimeout(r, 1000));
			phase = false;
			await writing;
			const final = await converged(clients);
			const finalTokens = new Set([...final.matchAll(TOKEN)].map((m) => m[1]));
			expect(clients.flatMap((c) => c.made).filter((t) => !finalTokens.has(t))).toEqual([]);
			// Both nodes hold everything, including what was written while Redis was down.
			for (const n of live) {
				const reader = freshClientOn(n.url);
				await waitFor(() => reader.provider.synced, 10_000, 'reader synced');
				expect(snapshot(reader.doc, cardIds)).toBe(final);
				reader.destroy();
			}
		} finally {
			for (const c of clients) c.destroy();
		}
	}, 120_000);

	it('a node started later serves the current state', async () => {
		const live = nodes.find((n) => n.child.exitCode === null && n.child.signalCode === null)!;
		const before = freshClientOn(live.url);
		await waitFor(() => before.provider.synced, 10_000, 'reader synced');
		const expected = snapshot(before.doc, cardIds);
		before.destroy();
		expect(expected).toContain('|a-');
		const late = await startNode({ DATABASE_URL: database.url, REDIS_URL: redis.url, PHOIHOP_DEMO: '0' });
		nodes.push(late);
		const reader = freshClientOn(late.url);
		await waitFor(() => reader.provider.synced, 10_000, 'reader synced on the late node');
		expect(snapshot(reader.doc, cardIds)).toBe(expected);
		reader.destroy();
		const ready = (await (await fetch(`${late.url}/api/ready`)).json()) as { ready: boolean; database: boolean; redis: boolean };
		expect(ready).toMatchObject({ ready: true, database: true, redis: true });
	}, 120_000);

	it('SIGTERM: the node stops accepting, says "not ready", closes sockets with "reconnect", exits cleanly', async () => {
		const node = nodes[nodes.length - 1];
		const client = connect(node.url.replace(/^http/, 'ws'), boardId, managerToken, 'leaving');
		await waitFor(() => client.provider.synced, 10_000, 'client synced');
		const closes: number[] = [];
		client.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		const code = await node.stop();
		expect(code).toBe(0);
		expect(closes[0]).toBe(1012);
		client.destroy();
	}, 60_000);
});
