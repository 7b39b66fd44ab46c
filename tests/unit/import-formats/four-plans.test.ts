/**
 * The four real plans, each rewritten by the test as a GFM Markdown file, an HTML page, a CSV of
 * its appendices and a PDF printed by Chromium, import as the same plan as their text form:
 * the same sections, tasks, lead and supporting agencies and deadlines. The counts are those
 * read by hand from the plans (see tests/unit/import and ../shared/DOMAIN.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanBytes, type ParsedSource } from '../../../server/import/parse-source.js';
import type { ParsedPlan } from '../../../src/lib/core/parsed-plan.js';
import { noteMessage } from '../../../src/lib/i18n/notes.js';
import { parseSeed, readSeed, SEED_PLANS } from '../import/seed-plans.js';
import { closePrinter, hasChromium, printPdf } from './pdf-printer.js';
import { planCsv, planHtml, planMarkdown } from './plan-formats.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** What an import must agree on: per appendix, its sections and tasks (or members). */
function essentials(plan: ParsedPlan) {
	return plan.appendices.map((a) =>
		a.kind === 'tasks'
			? {
					kind: a.kind,
					sections: a.sections.map((s) => ({
						code: s.code,
						title: s.title,
						tasks: s.tasks.map((t) => ({ stt: t.stt, title: t.title, lead: t.lead, support: t.support, deadline: t.deadline }))
					}))
				}
			: { kind: a.kind, members: a.members }
	);
}

/** Hand counts: tasks per section of the task appendix, and members of Phụ lục II. */
const PLANS = [
	{
		name: '000 Cần Thơ 2026 (tasks and members appendices)',
		file: SEED_PLANS.canTho2026,
		sections: [
			['I', 7],
			['II', 14],
			['III', 3]
		],
		members: 17
	},
	{
		name: '001 Đồng Nai 2026 (47 tasks in 5 sections)',
		file: SEED_PLANS.dongNai2026,
		sections: [
			['I', 6],
			['II', 13],
			['III', 16],
			['IV', 3],
			['V', 9]
		],
		members: null
	},
	{ name: '003 Cần Thơ 219/KH-UBND (no table: 16 duties in prose)', file: SEED_PLANS.canTho219, sections: [['V', 16]], members: null },
	{ name: '004 Hà Nội 2026 (no table: duties in prose)', file: SEED_PLANS.haNoi2026, sections: null, members: null }
] as const;

function counts(plan: ParsedPlan) {
	const tasks = plan.appendices.find((a) => a.kind === 'tasks');
	const members = plan.appendices.find((a) => a.kind === 'assignments');
	return {
		sections: tasks?.kind === 'tasks' ? tasks.sections.map((s) => [s.code, s.tasks.length]) : [],
		members: members?.kind === 'assignments' ? members.members.length : null
	};
}

describe.each(PLANS)('$name', ({ file, sections, members }) => {
	const text = parseSeed(file);
	const hasTable = sections !== null && members !== undefined && file !== SEED_PLANS.canTho219;

	it('its text form has the counts read by hand', () => {
		if (sections) expect(counts(text).sections).toEqual(sections);
		expect(counts(text).members).toBe(members);
	});

	describe.each([
		['as GFM Markdown (pipe tables, bold section rows, <br> in cells)', 'plan.md', () => planMarkdown(readSeed(file))],
		['as an HTML page (one table per appendix, colspan section rows, rowspan leads)', 'plan.html', () => planHtml(readSeed(file))]
	])('%s', (_what, name, make) => {
		let read: ParsedSource;
		beforeAll(async () => {
			read = await parsePlanBytes(utf8(make()), name, { fallbackYear: 2026 });
		});

		it('gives the same sections, tasks, agencies and deadlines as the text', () => {
			expect(essentials(read.parsed)).toEqual(essentials(text));
			if (sections) expect(counts(read.parsed).sections).toEqual(sections);
			expect(counts(read.parsed).members).toBe(members);
		});

		it('gives the same header, indicators and reporting duties', () => {
			expect(read.parsed.plan).toEqual(text.plan);
			expect(read.parsed.indicators).toEqual(text.indicators);
			expect(read.parsed.reports).toEqual(text.reports);
		});

		it('is read as its kind', () => {
			const expected = name.endsWith('.html') ? 'html' : hasTable ? 'markdown' : 'text';
			expect(read.source.kind).toBe(expected);
		});
	});

	describe.each([
		['comma', ','],
		['semicolon', ';']
	] as const)('its appendix as CSV (%s)', (_what, delimiter) => {
		it('gives the same sections, tasks, agencies and deadlines as the text', async () => {
			const bytes = utf8(`\uFEFF${planCsv(readSeed(file), text, delimiter)}`);
			const { source, parsed } = await parsePlanBytes(bytes, 'phu-luc.csv', { fallbackYear: 2026 });
			expect(source.kind).toBe('csv');
			const strip = (p: ParsedPlan) => essentials(p).map((a) => ('sections' in a ? { ...a, sections: a.sections } : a));
			expect(strip(parsed)).toEqual(strip(text));
			if (sections) expect(counts(parsed).sections).toEqual(sections);
		});
	});
});

describe.skipIf(!hasChromium)('the four plans printed to PDF by Chromium (A4 landscape)', () => {
	if (!hasChromium) console.warn('PDF tests skipped: /usr/bin/chromium is missing (apt-get install chromium)');
	const reads = new Map<string, ParsedSource>();
	const pdfs = new Map<string, Uint8Array>();

	beforeAll(async () => {
		for (const { file } of PLANS) {
			const pdf = await printPdf(planHtml(readSeed(file)));
			pdfs.set(file, pdf);
			reads.set(file, await parsePlanBytes(pdf, 'ke-hoach.pdf', { fallbackYear: 2026 }));
		}
	}, 120_000);
	afterAll(closePrinter);

	describe.each(PLANS)('$name', ({ file, sections, members }) => {
		const text = parseSeed(file);

		it('gives the same sections, tasks, agencies and deadlines as the text', () => {
			const read = reads.get(file)!;
			expect(read.source.kind).toBe('pdf');
			expect(essentials(read.parsed)).toEqual(essentials(text));
			if (sections) expect(counts(read.parsed).sections).toEqual(sections);
			expect(counts(read.parsed).members).toBe(members);
		});

		it('reads the letterhead (number and date side by side on page 1), indicators and reporting duties', () => {
			const read = reads.get(file)!;
			expect(read.parsed.plan).toEqual(text.plan);
			expect(read.parsed.indicators).toEqual(text.indicators);
			expect(read.parsed.reports).toEqual(text.reports);
		});

		it('says on which page each warning is', () => {
			const read = reads.get(file)!;
			const located = read.parsed.warnings.filter((w) => w.line !== null);
			expect(located.length).toBeGreaterThan(0);
			for (const w of located) expect(noteMessage('vi', read.source.labels[w.line!])).toMatch(/^trang \d+/);
			// Its tables have borders: none is taken for a borderless one.
			expect(read.parsed.warnings.filter((w) => w.code === 'source_pdf_unruled_table')).toEqual([]);
		});
	});

	it('Phụ lục I of 000 runs over several pages with a row cut by a page break', async () => {
		const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
		const { readPageContent } = await import('../../../server/import/pdf/page-content.js');
		const { findRuledTables } = await import('../../../server/import/pdf/ruled-tables.js');
		const doc = await getDocument({ data: pdfs.get(SEED_PLANS.canTho2026)!.slice(), verbosity: 0 }).promise;
		let pagesWithTables = 0;
		let cutRows = 0;
		for (let no = 1; no <= doc.numPages; no++) {
			const tables = findRuledTables(await readPageContent(await doc.getPage(no), no));
			if (tables.length) pagesWithTables++;
			cutRows += tables.filter((t) => t.openBottom).length;
		}
		await doc.destroy();
		expect(pagesWithTables).toBeGreaterThanOrEqual(3);
		expect(cutRows).toBeGreaterThanOrEqual(1);
		// Task rows of Phụ lục I come from more than one page.
		const labels = Object.values(reads.get(SEED_PLANS.canTho2026)!.source.labels).filter((l) => l.params?.row !== undefined);
		expect(new Set(labels.map((l) => l.params?.page)).size).toBeGreaterThanOrEqual(3);
	});
});
