/**
 * Workloads for the cluster benchmark.
 *
 * - `runClusterLightWorkload`: runLightWorkload (bench/lib/workload.ts) with every delivery classed
 *   as same-node or cross-node: each light client knows the node it is connected to, and a token's
 *   latency counts as cross-node when its receiver sits on another node than its sender.
 * - `killRun`: full Yjs clients behind a round-robin balancer write unique tokens; one node is killed
 *   (SIGKILL) mid-run; the clients reconnect through the balancer; afterwards every token any client
 *   had seen or made is looked for in the state a fresh client reads from a surviving node.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { resultText } from '../../src/lib/core/board-doc.js';
import type { LightSlot } from './workload.js';
import type { Endpoint } from './clients.js';
import { percentile } from './process-stats.js';

export interface Stats {
	n: number;
	p50: number;
	p99: number;
}

export interface ClusterWorkloadResult {
	edits: number;
	expected: number;
	deliveries: number;
	same: Stats;
	cross: Stats;
	all: Stats;
	/** Deliveries per second. */
	throughput: number;
}

function stats(xs: number[]): Stats {
	xs.sort((a, b) => a - b);
	return { n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99) };
}

export async function runClusterLightWorkload(
	slots: LightSlot[],
	nodeOf: number[],
	editors: number,
	totalEditsPerSecond: number,
	seconds: number,
	cardIds: string[]
): Promise<ClusterWorkloadResult> {
	const sentAt = new Map<string, number>();
	const same: number[] = [];
	const cross: number[] = [];
	let deliveries = 0;
	const seen = slots.map(() => new Set<string>());
	slots.forEach((slot, ri) =>
		slot.setHandler((s, q, at) => {
			const key = `${s}:${q}`;
			const t = sentAt.get(key);
			if (t === undefined || seen[ri].has(key)) return;
			seen[ri].add(key);
			(nodeOf[s] === nodeOf[ri] ? same : cross).push(at - t);
			deliveries++;
		})
	);
	const interval = (1000 * editors) / totalEditsPerSecond;
	const end = performance.now() + seconds * 1000;
	let edits = 0;
	// Each editor on its own cards (see runLightWorkload).
	const owned = (ci: number) => {
		const mine = cardIds.filter((_, i) => i % editors === ci);
		return mine.length > 0 ? mine : [cardIds[ci % cardIds.length]];
	};
	const timers = slots.slice(0, editors).map((slot, ci) => {
		let seq = 0;
		const cards = owned(ci);
		return setTimeout(
			function tick() {
				if (performance.now() >= end) return;
				sentAt.set(`${ci}:${seq}`, performance.now());
				slot.client.edit(cards[seq % cards.length], seq);
				seq++;
				edits++;
				timers[ci] = setTimeout(tick, interval);
			},
			(ci / editors) * interval
		);
	});
	await new Promise((r) => setTimeout(r, seconds * 1000));
	for (const t of timers) clearTimeout(t);
	const expected = edits * (slots.length - 1);
	const drainUntil = performance.now() + 5000;
	while (deliveries < expected && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
	for (const slot of slots) slot.setHandler(null);
	return {
		edits,
		expected,
		deliveries,
		same: stats(same),
		cross: stats(cross),
		all: stats([...same, ...cross]),
		throughput: deliveries / seconds
	};
}

/** A full client that survives its node: reconnects (through the balancer) on its own. */
interface KillClient {
	doc: Y.Doc;
	made: string[];
	connected(): boolean;
	synced(): boolean;
	destroy(): void;
}

function connectKillClient(ep: Endpoint): KillClient {
	const doc = new Y.Doc();
	if (ep.kind === 'phoihop') {
		const provider = new WebsocketProvider(`${ep.url.replace(/^http/, 'ws')}/sync`, ep.room, doc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			params: { token: ep.token ?? '' },
			disableBc: true,
			maxBackoffTime: 500
		});
		return {
			doc,
			made: [],
			connected: () => provider.wsconnected,
			synced: () => provider.wsconnected && provider.synced,
			destroy: () => {
				provider.destroy();
				doc.destroy();
			}
		};
	}
	const provider = new HocuspocusProvider({
		url: ep.url,
		name: ep.room,
		document: doc,
		WebSocketPolyfill: WebSocket,
		delay: 100,
		minDelay: 100,
		maxDelay: 500
	} as unknown as ConstructorParameters<typeof HocuspocusProvider>[0]);
	const connected = () => (provider.configuration.websocketProvider.status as string) === 'connected';
	return {
		doc,
		made: [],
		connected,
		synced: () => connected() && provider.isSynced,
		destroy: () => {
			provider.destroy();
			provider.configuration.websocketProvider.destroy();
			doc.destroy();
		}
	};
}

const KILL_TOKEN = /\|(k[0-9-]+);/g;

function tokensIn(doc: Y.Doc, cardIds: string[], into: Set<string>): Set<string> {
	for (const id of cardIds) for (const m of resultText(doc, id).toString().matchAll(KILL_TOKEN)) into.add(m[1]);
	return into;
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
	const until = performance.now() + timeoutMs;
	while (!cond()) {
		if (performance.now() > until) return false;
		await new Promise((r) => setTimeout(r, 25));
	}
	return true;
}

export interface KillResult {
	clients: number;
	/** Tokens written (by all clients). */
	made: number;
	/** Distinct tokens some client had seen (its own or relayed). */
	seen: number;
	/** Seen by some client, missing from the state read from a surviving node afterwards. */
	lostSeen: number;
	/** Made by some client, missing from that state. */
	lostMade: number;
	/** Seconds from the kill until every client was connected and synced again (null: not within the limit). */
	reconnectSeconds: number | null;
	/** Seconds from the end of writing until the surviving node's state held every token (null: never, within the limit). */
	convergeSeconds: number | null;
	/**
	 * Stored: of the tokens seen or made, those missing from what a new node reads from the storage after
	 * every node was killed (SIGKILL) once the survivor held everything, the clients still connected.
	 */
	lostAfterRestart: number | null;
}

/**
 * `clients` full clients through the balancer, each appending its own tokens to one of `cardIds` every
 * `intervalMs` while connected and synced; `killNode` runs after `beforeKillMs`; writing goes on
 * `afterKillMs` more. `readFrom` gives the endpoint of a surviving node for the final read.
 */
export async function killRun(opts: {
	balancer: Endpoint;
	clients: number;
	cardIds: string[];
	intervalMs: number;
	beforeKillMs: number;
	afterKillMs: number;
	killNode: () => Promise<void>;
	readFrom: () => Endpoint;
	/** Kills every node (SIGKILL), calls `dropClients`, starts a new node on the same storage; its endpoint. */
	crashAndRestart?: (dropClients: () => void) => Promise<Endpoint>;
}): Promise<KillResult> {
	const clients = Array.from({ length: opts.clients }, () => connectKillClient(opts.balancer));
	const seen = new Set<string>();
	try {
		if (!(await waitFor(() => clients.every((c) => c.synced()), 30_000))) throw new Error('kill run: clients did not sync');
		let writing = true;
		let n = 0;
		const writer = setInterval(() => {
			if (!writing) return;
			clients.forEach((c, i) => {
				if (!c.synced()) return; // a reconnecting client would keep its edits for later anyway
				const token = `k${i}-${n}`;
				const text = resultText(c.doc, opts.cardIds[i % opts.cardIds.length]);
				text.insert(text.length, `|${token};`);
				c.made.push(token);
			});
			n++;
		}, opts.intervalMs);
		const watcher = setInterval(() => {
			for (const c of clients) tokensIn(c.doc, opts.cardIds, seen);
		}, 50);
		await new Promise((r) => setTimeout(r, opts.beforeKillMs));
		const killedAt = performance.now();
		await opts.killNode();
		// Clients of the killed node notice the closed socket and go through the balancer to a live node.
		let reconnectSeconds: number | null = null;
		// First the killed node's clients notice (a socket closed), then every client is back.
		const reconnected = waitFor(() => clients.some((c) => !c.synced()), 10_000)
			.then((noticed) => noticed && waitFor(() => clients.every((c) => c.synced()), 30_000))
			.then((ok) => {
				if (ok) reconnectSeconds = (performance.now() - killedAt) / 1000;
			});
		await new Promise((r) => setTimeout(r, opts.afterKillMs));
		writing = false;
		clearInterval(writer);
		await reconnected;
		for (const c of clients) tokensIn(c.doc, opts.cardIds, seen);
		const made = clients.flatMap((c) => c.made);
		// The final state as a fresh client on a surviving node reads it, once it holds everything (or the limit).
		const wanted = new Set([...seen, ...made]);
		const stoppedAt = performance.now();
		let final = new Set<string>();
		let convergeSeconds: number | null = null;
		const reader = connectKillClient(opts.readFrom());
		try {
			const ok = await waitFor(() => {
				if (!reader.synced()) return false;
				for (const c of clients) tokensIn(c.doc, opts.cardIds, seen);
				final = tokensIn(reader.doc, opts.cardIds, new Set());
				for (const t of seen) wanted.add(t);
				for (const t of wanted) if (!final.has(t)) return false;
				return true;
			}, 20_000);
			if (ok) convergeSeconds = (performance.now() - stoppedAt) / 1000;
			final = tokensIn(reader.doc, opts.cardIds, new Set());
		} finally {
			reader.destroy();
		}
		clearInterval(watcher);
		const lostSeen = [...seen].filter((t) => !final.has(t)).length;
		const lostMade = made.filter((t) => !final.has(t)).length;
		let lostAfterRestart: number | null = null;
		if (opts.crashAndRestart) {
			// Every node crashes (SIGKILL) while the clients are still there; the clients go away before a
			// new node starts, so that what it reads is only what was stored.
			const ep = await opts.crashAndRestart(() => {
				for (const c of clients) c.destroy();
				clients.length = 0;
			});
			const fresh = connectKillClient(ep);
			try {
				if (await waitFor(() => fresh.synced(), 20_000)) {
					await new Promise((r) => setTimeout(r, 300));
					const stored = tokensIn(fresh.doc, opts.cardIds, new Set());
					lostAfterRestart = [...wanted].filter((t) => !stored.has(t)).length;
				}
			} finally {
				fresh.destroy();
			}
		}
		return { clients: opts.clients, made: made.length, seen: seen.size, lostSeen, lostMade, reconnectSeconds, convergeSeconds, lostAfterRestart };
	} finally {
		for (const c of clients) c.destroy();
	}
}
