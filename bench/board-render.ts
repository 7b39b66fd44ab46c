/**
 * npx tsx bench/board-render.ts [--cards N] [--runs N] [--json]
 * How fast a large board appears: a server on a temporary data folder, a synthetic board of N cards
 * (500 by default), opened in Chromium. Figures are milliseconds from navigation start until every
 * card is in the page, median of the runs:
 *   cold  — a fresh browser profile (the board comes over the WebSocket),
 *   warm  — a reload (the board also comes from the browser's IndexedDB copy),
 * how long a search over all cards takes to filter the board (typing to re-render), and how long a
 * status change made by someone else takes to show (server change → WebSocket → one card moved).
 * Needs `npm run build` first (the server serves build/) and Chromium at /usr/bin/chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from '../server/server.js';
import { findOrganization } from '../server/orgs/organizations.js';
import { importParsedPlan } from '../server/import/persist.js';
import { syntheticPlan } from './lib/synthetic-plan.js';
import { setStatus } from '../src/lib/core/board-doc.js';
import { STATUSES } from '../src/lib/core/board-types.js';

interface Row {
	measure: string;
	cards: number;
	runs: number;
	medianMs: number;
	minMs: number;
	maxMs: number;
}

function arg(argv: string[], name: string, fallback: number): number {
	const at = argv.indexOf(name);
	return at >= 0 ? Math.max(1, Number(argv[at + 1]) || fallback) : fallback;
}

function chromiumPath(): string {
	for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && fs.existsSync(p)) return p;
	throw new Error('Chromium not found: apt-get install -y chromium');
}

/** Milliseconds from navigation start until `count` cards are in the page. */
async function timeToCards(page: Page, count: number): Promise<number> {
	const handle = await page.waitForFunction(
		(n) => (document.querySelectorAll('[data-testid="card"]').length >= n ? performance.now() : false),
		count,
		{ polling: 'raf', timeout: 60_000 }
	);
	return Number(await handle.jsonValue());
}

/**
 * Milliseconds from typing a query until the board shows only the matching cards. The page script is
 * a string: tsx would otherwise wrap its inner functions in a helper the page does not have.
 */
async function timeToFilter(page: Page, query: string, expected: number): Promise<number> {
	return page.evaluate(`new Promise((resolve) => {
		const input = document.querySelector('#board-search');
		const start = performance.now();
		input.value = ${JSON.stringify(query)};
		input.dispatchEvent(new Event('input', { bubbles: true }));
		const check = () => {
			if (document.querySelectorAll('[data-testid="card"]').length === ${expected}) resolve(performance.now() - start);
			else requestAnimationFrame(check);
		};
		requestAnimationFrame(check);
	})`) as Promise<number>;
}

async function signedIn(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	const res = await page.request.post('/api/auth/login', { data: { username: 'admin', password: 'demo-phoihop' } });
	if (!res.ok()) throw new Error(`login: ${res.status()}`);
	return page;
}

function summarize(measure: string, cards: number, times: number[]): Row {
	const sorted = [...times].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	const r = (x: number) => Math.round(x);
	return { measure, cards, runs: times.length, medianMs: r(median), minMs: r(sorted[0]), maxMs: r(sorted[sorted.length - 1]) };
}

async function main(argv: string[]): Promise<void> {
	const n = arg(argv, '--cards', 500);
	const runs = arg(argv, '--runs', 3);
	if (!fs.existsSync(path.resolve('build/handler.js'))) throw new Error('build/ is missing: run "npm run build" first');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-bench-render-'));
	const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true }, { quiet: true });
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		const org = (await findOrganization(server.ctx.db, 'can-tho'))!;
		const summary = await importParsedPlan(server.ctx.db, syntheticPlan(n), { sourceName: 'bench.txt', sourceText: '', orgId: org.id });
		const boardId = summary.boards[0].id;
		const url = `/boards/${boardId}`;
		const cold: number[] = [];
		const warm: number[] = [];
		const search: number[] = [];
		const remote: number[] = [];
		const cardIds = [...(await server.ctx.db.selectFrom('cards').select('id').where('board_id', '=', boardId).execute())].map((r) => r.id);
		for (let i = 0; i < runs; i++) {
			const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 768 } });
			const page = await signedIn(context);
			await page.goto(url);
			cold.push(await timeToCards(page, n));
			await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 30_000 });
			// Let y-indexeddb store the document before the reload reads it back.
			await page.waitForTimeout(500);
			await page.reload();
			warm.push(await timeToCards(page, n));
			// Titles read "Nhiệm vụ số 123: …": "123:" is in card 123's title (and 1123's on larger boards).
			const expected = Array.from({ length: n }, (_, k) => String(k + 1)).filter((k) => k.endsWith('123')).length;
			search.push(await timeToFilter(page, 'nhiem vu so 123:', expected));
			await page.fill('#board-search', '');
			await page.waitForFunction((count) => document.querySelectorAll('[data-testid="card"]').length === count, n);
			const cardId = cardIds[(i * 37) % cardIds.length];
			const status = STATUSES[(i % 3) + 1];
			const t0 = await page.evaluate(() => performance.now());
			await server.sync.change(boardId, null, cardId, 'status', (room) => setStatus(room.doc, cardId, status, { userId: 'bench' }));
			const shown = await page.waitForFunction(
				({ cardId, status }) => (document.querySelector(`[data-status="${status}"] [data-card-id="${cardId}"]`) ? performance.now() : false),
				{ cardId, status },
				{ polling: 'raf', timeout: 10_000 }
			);
			remote.push(Number(await shown.jsonValue()) - t0);
			await context.close();
		}
		const rows = [
			summarize('first render, cold (WebSocket)', n, cold),
			summarize('first render, warm (IndexedDB + WebSocket)', n, warm),
			summarize('search filters the board', n, search),
			summarize('remote status change shown', n, remote)
		];
		if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
		else console.table(rows);
	} finally {
		await browser.close();
		await server.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

main(process.argv.slice(2)).catch((e: unknown) => {
	process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
	process.exit(1);
});
