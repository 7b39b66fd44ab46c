/**
 * Load test: many WebSocket clients across many boards with realistic activity — mostly idle,
 * bursts of edits, presence updates — against Phối hợp in its own process.
 * Checks: no errors, no lost updates (every client's final board equals the server's), RSS before
 * and after, event-loop delay p99 of the server over the run.
 *
 *   npx tsx bench/load.ts [--quick] [--json]
 */
import { spawnServer } from './lib/spawn-server.js';
import { connectClient, type BenchClient } from './lib/clients.js';
import { memoryMiB } from './lib/process-stats.js';
import { readBoard, resultText, setProgress, setStatus } from '../src/lib/core/board-doc.js';
import { STATUSES } from '../src/lib/core/board-types.js';

process.setMaxListeners(0);
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const asJson = args.has('--json');
const BOARDS = quick ? 10 : 50;
const CLIENTS = quick ? 100 : 500;
const SECONDS = quick ? 15 : 60;
const log = (...m: unknown[]) => (asJson ? console.error(...m) : console.log(...m));

async function post(url: string, path: string, body: unknown, token?: string) {
	const res = await fetch(url + path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify(body)
	});
	return res.json() as Promise<any>;
}

const server = await spawnServer('phoihop', { BENCH_CARDS: '30', BENCH_BOARDS: String(BOARDS) });
const [url, ...boardIds] = server.ready;
const { token, user } = await post(url, '/api/auth/login', { username: 'thuky', password: 'demo-phoihop' });
const admin = (await post(url, '/api/auth/login', { username: 'admin', password: 'demo-phoihop' })).token;
const health = async () => (await fetch(`${url}/api/health`)).json() as Promise<any>;

log(`Load: ${CLIENTS} clients on ${BOARDS} boards for ${SECONDS} s`);
const clients: { c: BenchClient; board: string }[] = [];
let errors = 0;
for (let i = 0; i < CLIENTS; i += 50) {
	const batch = Array.from({ length: Math.min(50, CLIENTS - i) }, (_, j) => {
		const board = boardIds[(i + j) % boardIds.length];
		return { c: connectClient({ kind: 'phoihop', url, room: `board/${board}`, token, userId: user.id }), board };
	});
	await Promise.all(batch.map((b) => b.c.ready));
	clients.push(...batch);
}
await new Promise((r) => setTimeout(r, 1000));
await post(url, '/api/health/reset', {}, admin);
const rssBefore = memoryMiB(server.pid).rss;
let edits = 0;
let presence = 0;
const end = Date.now() + SECONDS * 1000;

// Each client wakes up now and then: usually a presence change, sometimes a burst of 3–10 edits.
await Promise.all(
	clients.map(async ({ c }, ci) => {
		let seq = 0;
		while (Date.now() < end) {
			await new Promise((r) => setTimeout(r, 500 + Math.random() * 4500));
			if (Date.now() >= end) break;
			try {
				const ids = [...readBoard(c.doc).cards.map((x) => x.id)];
				if (Math.random() < 0.7) {
					c.awareness?.setLocalStateField('cardId', ids[(ci + seq) % ids.length]);
					presence++;
				} else {
					const burst = 3 + Math.floor(Math.random() * 8);
					for (let k = 0; k < burst; k++) {
						const card = ids[(ci * 3 + seq + k) % ids.length];
						if (k % 3 === 0) setStatus(c.doc, card, STATUSES[(seq + k) % 4], { userId: c.userId });
						else if (k % 3 === 1) setProgress(c.doc, card, (seq * 7 + k) % 101, { userId: c.userId });
						else resultText(c.doc, card).insert(0, `${ci}.${seq}.${k} `);
						edits++;
					}
				}
				seq++;
			} catch {
				errors++;
			}
		}
	})
);
await new Promise((r) => setTimeout(r, 3000));
const h = await health();
const rssAfter = memoryMiB(server.pid).rss;

// Lost updates: every client's board must equal the server's.
let mismatched = 0;
for (const board of boardIds) {
	const res = await fetch(`${url}/api/boards/${board}`, { headers: { authorization: `Bearer ${token}` } });
	const serverBoard = (await res.json()) as { cards: { id: string; status: string; progress: number; result: string }[] };
	const key = (cards: { id: string; status: string; progress: number; result: string }[]) =>
		JSON.stringify(cards.map((x) => [x.id, x.status, x.progress, x.result]).sort());
	const want = key(serverBoard.cards);
	for (const { c } of clients.filter((x) => x.board === board)) if (key(readBoard(c.doc).cards) !== want) mismatched++;
}
for (const { c } of clients) c.destroy();
await server.stop();

const result = {
	clients: CLIENTS,
	boards: BOARDS,
	seconds: SECONDS,
	edits,
	presenceUpdates: presence,
	errors,
	clientsNotConverged: mismatched,
	rssBeforeMiB: rssBefore,
	rssAfterMiB: rssAfter,
	rssGrowthPct: ((rssAfter - rssBefore) / rssBefore) * 100,
	eventLoopDelayP99Ms: h.eventLoopDelayMs?.p99,
	eventLoopDelayMaxMs: h.eventLoopDelayMs?.max
};
if (asJson) console.log(JSON.stringify(result, null, 2));
else {
	console.log('| measure | value |\n|---|---:|');
	for (const [k, v] of Object.entries(result)) console.log(`| ${k} | ${typeof v === 'number' ? +v.toFixed(2) : v} |`);
}
process.exit(errors === 0 && mismatched === 0 ? 0 : 1);
