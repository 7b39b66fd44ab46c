/**
 * Plans in the new formats go through the same upload as Word files: read in the worker, shown
 * in the preview with their kind and warnings where they were found (page, line), made into
 * boards; a scanned PDF gets its refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../server/import/draft/import-preview.js';
import type { ImportSummary } from '../../../server/import/persist.js';
import { login, startTestServer, type TestServer } from '../helpers/server.js';
import { parseSeed, readSeed, SEED_PLANS } from '../../unit/import/seed-plans.js';
import { closePrinter, hasChromium, printPdf } from '../../unit/import-formats/pdf-printer.js';
import { planCsv, planHtml, planMarkdown } from '../../unit/import-formats/plan-formats.js';
import { postJson, rowCounts, upload } from './upload.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
});
afterAll(async () => {
	await closePrinter();
	await server?.stop();
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const sectionCounts = (p: ImportPreview) => p.appendices.flatMap((a) => (a.kind === 'tasks' ? a.sections.map((s) => [s.code, s.tasks.length]) : []));
const DONG_NAI = [
	['I', 6],
	['II', 13],
	['III', 16],
	['IV', 3],
	['V', 9]
];

describe('uploading plans in other formats', () => {
	it.each([
		['Markdown', 'ke-hoach.md', 'markdown', () => utf8(planMarkdown(readSeed(SEED_PLANS.dongNai2026)))],
		['HTML', 'ke-hoach.html', 'html', () => utf8(planHtml(readSeed(SEED_PLANS.dongNai2026)))],
		['CSV', 'phu-luc.csv', 'csv', () => utf8(planCsv(readSeed(SEED_PLANS.dongNai2026), parseSeed(SEED_PLANS.dongNai2026)))]
	])('%s: the preview shows the 47 tasks of Đồng Nai and its kind', async (_what, name, kind, make) => {
		const res = await upload(server.url, admin, '/api/import/upload', make(), name);
		expect(res.status, await res.clone().text()).toBe(201);
		const preview = (await res.json()) as ImportPreview;
		expect(preview.kind).toBe(kind);
		expect(sectionCounts(preview)).toEqual(DONG_NAI);
	});

	it.skipIf(!hasChromium)(
		'PDF: preview with page references, then boards are created',
		async () => {
			const pdf = await printPdf(planHtml(readSeed(SEED_PLANS.canTho2026)));
			const res = await upload(server.url, admin, '/api/import/upload', pdf, 'ke-hoach.pdf');
			expect(res.status, await res.clone().text()).toBe(201);
			const preview = (await res.json()) as ImportPreview;
			expect(preview.kind).toBe('pdf');
			expect(sectionCounts(preview)).toEqual([
				['I', 7],
				['II', 14],
				['III', 3]
			]);
			expect(
				preview.warnings.filter((w) => w.where).every((w) => /^where_page/.test(w.where!.code) && typeof w.where!.params?.page === 'number')
			).toBe(true);
			const created = await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/create`);
			expect(created.status).toBe(201);
			const summary = (await created.json()) as ImportSummary;
			expect(summary.boards.reduce((n, b) => n + b.cards, 0)).toBe(24);
		},
		60_000
	);

	it.skipIf(!hasChromium)(
		'a scanned PDF is refused with its message, and nothing is written',
		async () => {
			const scan = await printPdf(
				`<canvas id="c" width="900" height="500"></canvas><script>const g=document.getElementById('c').getContext('2d');g.font='30px serif';g.fillText('KẾ HOẠCH — Phụ lục I',40,80);</script>`
			);
			const before = await rowCounts(server);
			const res = await upload(server.url, admin, '/api/import/upload', scan, 'ban-quet.pdf');
			expect(res.status).toBe(422);
			expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({
				code: 'scanned',
				message: expect.stringMatching(/^Tệp PDF chỉ có hình ảnh \(bản quét\)/)
			});
			expect(await rowCounts(server)).toEqual(before);
		},
		60_000
	);
});
