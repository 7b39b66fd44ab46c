/**
 * The edit workload: each client edits at a fixed rate, typing a token into a card's result text
 * (and every other edit also changing its status). Every client sees every other client's tokens;
 * the token names the edit, whose send time is known (all clients live in this one process).
 */
import * as Y from 'yjs';
import { cardsMap, resultText, setStatus } from '../../src/lib/core/board-doc.js';
import { STATUSES } from '../../src/lib/core/board-types.js';
import type { BenchClient } from './clients.js';
import type { LightClient, OnToken } from './light-client.js';
import { percentile } from './process-stats.js';

const TOKEN = /\u27e6(\d+):(\d+)\u27e7/g;

export interface WorkloadResult {
	edits: number;
	deliveries: number;
	expected: number;
	p50: number;
	p99: number;
	/** Deliveries per second (edits × receivers). */
	throughput: number;
}

export async function runWorkload(clients: BenchClient[], editsPerSecond: number, seconds: number): Promise<WorkloadResult> {
	const sentAt = new Map<string, number>();
	const latencies: number[] = [];
	let deliveries = 0;
	const cardIds = [...cardsMap(clients[0].doc).keys()];
	const unobserve: (() => void)[] = [];
	clients.forEach((c, ci) => {
		const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
			const now = performance.now();
			for (const e of events) {
				if (!(e.target instanceof Y.Text)) continue;
				for (const op of e.delta) {
					if (typeof op.insert !== 'string') continue;
					for (const m of op.insert.matchAll(TOKEN)) {
						if (Number(m[1]) === ci) continue;
						const t = sentAt.get(`${m[1]}:${m[2]}`);
						if (t === undefined) continue;
						latencies.push(now - t);
						deliveries++;
					}
				}
			}
		};
		cardsMap(c.doc).observeDeep(handler);
		unobserve.push(() => cardsMap(c.doc).unobserveDeep(handler));
	});

	const interval = 1000 / editsPerSecond;
	const end = performance.now() + seconds * 1000;
	let edits = 0;
	const timers = clients.map((c, ci) => {
		let seq = 0;
		const edit = () => {
			const card = cardIds[(ci * 7 + seq) % cardIds.length];
			const key = `${ci}:${seq}`;
			sentAt.set(key, performance.now());
			c.doc.transact(() => {
				resultText(c.doc, card).insert(0, `\u27e6${key}\u27e7`);
				if (seq % 2 === 1) setStatus(c.doc, card, STATUSES[seq % 4], { userId: c.userId });
			});
			seq++;
			edits++;
		};
		// Spread the clients' first edits over one interval so they do not all fire together.
		return setTimeout(
			function tick() {
				if (performance.now() >= end) return;
				edit();
				timers[ci] = setTimeout(tick, interval);
			},
			(ci / clients.length) * interval
		);
	});
	await new Promise((r) => setTimeout(r, seconds * 1000));
	for (const t of timers) clearTimeout(t);
	const expected = edits * (clients.length - 1);
	const drainUntil = performance.now() + 5000;
	while (deliveries < expected && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
	for (const u of unobserve) u();
	latencies.sort((a, b) => a - b);
	return {
		edits,
		deliveries,
		expected,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		throughput: deliveries / seconds
	};
}

/** A light client and the slot its token handler is plugged into for a run. */
export interface LightSlot {
	client: LightClient;
	setHandler(h: OnToken | null): void;
}

/**
 * Light clients (no Y.Doc applied on receipt): the first `editors` of them edit at a total rate,
 * every client times the arrival of every other client's edits. Measures the server, not the clients.
 */
export async function runLightWorkload(
	slots: LightSlot[],
	editors: number,
	totalEditsPerSecond: number,
	seconds: number,
	cardIds: string[]
): Promise<WorkloadResult> {
	const sentAt = new Map<string, number>();
	const latencies: number[] = [];
	let deliveries = 0;
	const seen = slots.map(() => new Set<string>());
	slots.forEach((slot, ri) =>
		slot.setHandler((s, q, at) => {
			const key = `${s}:${q}`;
			const t = sentAt.get(key);
			if (t === undefined || seen[ri].has(key)) return;
			seen[ri].add(key);
			latencies.push(at - t);
			deliveries++;
		})
	);
	const interval = (1000 * editors) / totalEditsPerSecond;
	const end = performance.now() + seconds * 1000;
	let edits = 0;
	// Each editor works on its own cards, as a lead agency does. (A light editor never integrates the
	// others' edits: were it to type into the same texts, every insert of it would be concurrent with
	// all the others' since its copy was taken, and the servers' Yjs would spend its time resolving
	// conflicts that real, up-to-date clients never create.)
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
	latencies.sort((a, b) => a - b);
	return { edits, deliveries, expected, p50: percentile(latencies, 50), p99: percentile(latencies, 99), throughput: deliveries / seconds };
}
