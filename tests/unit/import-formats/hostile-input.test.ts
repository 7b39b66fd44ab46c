/**
 * Every file is hostile: the new readers never throw anything but a refusal (ImportError) and
 * never hang, on garbage, on plan-like pieces thrown together, and on real files with bytes
 * flipped. Large tables are read in linear time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, parseCsv } from '../../../server/import/csv/read-csv.js';
import { ImportError } from '../../../server/import/import-error.js';
import { readHtml } from '../../../server/import/html/read-html.js';
import { readMarkdown } from '../../../server/import/markdown/read-markdown.js';
import { spanGrid } from '../../../server/import/office/span-grid.js';
import { parsePlanBytes } from '../../../server/import/parse-source.js';
import { readPdf } from '../../../server/import/pdf/read-pdf.js';
import { readSeed, SEED_PLANS } from '../import/seed-plans.js';
import { planHtml, planMarkdown } from './plan-formats.js';
import { textPdf } from './pdf-bytes.js';

const PIECES = [
	'| STT | Nhiệm vụ | Cơ quan chủ trì |',
	'|---|---|---|',
	'| 1 | a \\| b | Sở Tài chính |',
	'|',
	'||',
	'| :-: |',
	'\\|',
	'<table>',
	'</table>',
	'<tr>',
	'<td rowspan="99999">',
	'<td colspan="-3">',
	'<th colspan=1e9>',
	'</td>',
	'<br>',
	'<p>',
	'<!--',
	'-->',
	'<script>',
	'</script>',
	'<table><tr><td><table>',
	'&nbsp;',
	'&#0;',
	'&#x10FFFF;',
	'Phụ lục I',
	'STT,Nhiệm vụ,Cơ quan chủ trì',
	'"',
	'""',
	',',
	';',
	'\t',
	'\r',
	'\n',
	'1;"a\nb";Sở Nội vụ',
	'I. CÔNG TÁC',
	'Quý II/2026'
];
const junk = fc
	.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 })), { maxLength: 60 })
	.map((p) => p.join(''));

describe('text readers on garbage', () => {
	it('Markdown, HTML and CSV readers return a source for any text', () => {
		fc.assert(
			fc.property(junk, (text) => {
				for (const read of [readMarkdown, readHtml, (t: string) => readCsv(t, 'x.csv'), (t: string) => readCsv(t, 'x.tsv')]) {
					const source = read(text);
					expect(typeof source.text).toBe('string');
				}
			}),
			{ numRuns: 400 }
		);
	});

	it('any upload of text bytes is read, or refused with an ImportError', async () => {
		await fc.assert(
			fc.asyncProperty(junk, fc.constantFrom('a.md', 'a.html', 'a.csv', 'a.tsv', 'a.txt'), async (text, name) => {
				try {
					await parsePlanBytes(new TextEncoder().encode(text), name);
				} catch (e) {
					expect(e).toBeInstanceOf(ImportError);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('spans of any size lay out in a grid of bounded width', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.array(
						fc.record({ colspan: fc.integer({ min: -5, max: 1e9 }), rowspan: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant(Number.NaN)) }),
						{ maxLength: 8 }
					),
					{ maxLength: 30 }
				),
				(rows) => {
					const grid = spanGrid(
						rows.map((cells, r) => ({
							cells: cells.map((c) => ({ ...c, lines: ['x'] })),
							header: false,
							label: { code: 'where_line', params: { line: r } }
						}))
					);
					expect(grid).toHaveLength(rows.length);
					for (const row of grid) expect(row.cells.length).toBeLessThanOrEqual(64);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('huge tables are read in linear time', () => {
	const N = 20_000;
	const row = (i: number) => [String(i + 1), `Nhiệm vụ ${i + 1}`, 'Sở Tài chính', 'Các sở, ngành, địa phương', 'Năm 2026'];
	const header = ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];
	const time = (fn: () => unknown) => {
		const start = performance.now();
		fn();
		return performance.now() - start;
	};

	it(`${N} rows of Markdown, HTML and CSV each read completely, without hanging (speed: npm run bench:import)`, () => {
		const rows = Array.from({ length: N }, (_, i) => row(i));
		const md = `Phụ lục\n\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`;
		const html = `<p>Phụ lục</p><table><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
		const csv = `Phụ lục\n${header.join(',')}\n${rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n')}\n`;
		for (const [name, read] of [
			['md', () => readMarkdown(md)],
			['html', () => readHtml(html)],
			['csv', () => readCsv(csv, 'a.csv')]
		] as const) {
			let lines = 0;
			const ms = time(
				() =>
					(lines = read()
						.text.split('\n')
						.filter((l) => l.includes('\t')).length)
			);
			expect(lines, name).toBe(N + 1);
			// A guard against a quadratic reader (minutes), not a speed target: those live in bench/.
			expect(ms, name).toBeLessThan(60_000);
		}
	});

	it('an unterminated quote swallows the rest of a CSV as one field, without hanging', () => {
		const text = `a,"b${'x,'.repeat(200_000)}`;
		expect(parseCsv(text, ',')).toHaveLength(1);
	});

	it('a table nested 10,000 deep in HTML is read as text', () => {
		const deep = `${'<table><tr><td>'.repeat(10_000)}STT${'</td></tr></table>'.repeat(10_000)}`;
		expect(readHtml(deep).text).toContain('STT');
	});
});

describe('PDF reader on damaged files', () => {
	const base = textPdf(['Phu luc I', 'STT Nhiem vu Co quan chu tri', '1 Tuyen truyen So Tai chinh']);

	it('bytes flipped anywhere in a PDF: read or refused with an ImportError, never a crash', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
				async (flips) => {
					const bytes = base.slice();
					for (const [at, value] of flips) bytes[at] = value;
					try {
						await readPdf(bytes);
					} catch (e) {
						expect(e).toBeInstanceOf(ImportError);
					}
				}
			),
			{ numRuns: 150 }
		);
	}, 60_000);

	it('random bytes behind a PDF header: refused with an ImportError', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (tail) => {
				const bytes = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...tail]);
				await expect(readPdf(bytes)).rejects.toBeInstanceOf(ImportError);
			}),
			{ numRuns: 100 }
		);
	}, 60_000);

	it('a real plan file cut at any length: read or refused, never a crash', async () => {
		const md = new TextEncoder().encode(planMarkdown(readSeed(SEED_PLANS.canTho2026)));
		const html = new TextEncoder().encode(planHtml(readSeed(SEED_PLANS.dongNai2026)));
		await fc.assert(
			fc.asyncProperty(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(['a.md', md], ['a.html', html]), async (share, [name, bytes]) => {
				try {
					await parsePlanBytes(bytes.slice(0, Math.floor(bytes.length * share)), name as string);
				} catch (e) {
					expect(e).toBeInstanceOf(ImportError);
				}
			}),
			{ numRuns: 60 }
		);
	});
});
