import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parsePlanBytes } from '../../../server/import/parse-source.js';
import type { ParsedPlan } from '../../../src/lib/core/parsed-plan.js';
import { parseSeed, readSeed, SEED_PLANS } from '../import/seed-plans.js';
import { rebuildAsDocx, type RebuildLayout } from './plan-rebuild.js';

const PLANS = [
	['000 Cần Thơ 2026 (two task appendices: tasks, members)', SEED_PLANS.canTho2026],
	['001 Đồng Nai 2026 (Markdown-ish, one appendix of 47 tasks)', SEED_PLANS.dongNai2026],
	['003 Cần Thơ 219/KH-UBND (no table: duties in prose)', SEED_PLANS.canTho219],
	['004 Hà Nội 2026 (no table: duties in prose)', SEED_PLANS.haNoi2026]
] as const;

async function parseRebuild(file: string, layout: RebuildLayout): Promise<ParsedPlan> {
	const bytes = await rebuildAsDocx(readSeed(file), layout);
	return (await parsePlanBytes(bytes, `${file}.docx`, { fallbackYear: 2026 })).parsed;
}

const messages = (p: ParsedPlan) => p.warnings.map((w) => w.message);
const PAGE_BREAK = /ngắt trang/;

describe.each(PLANS)('%s rebuilt as Word', (_name, file) => {
	const text = parseSeed(file);

	it('with automatic numbering, the outline markers are drawn by Word, not typed', async () => {
		const xml = strFromU8(unzipSync(await rebuildAsDocx(readSeed(file), 'auto-numbered'))['word/document.xml']);
		expect(xml.split('<w:numPr>').length - 1).toBeGreaterThan(5);
	});

	describe.each(['as-printed', 'as-authored', 'auto-numbered'] as const)('laid out %s', (layout) => {
		it('gives the same tasks, sections and members as its text form', async () => {
			expect((await parseRebuild(file, layout)).appendices).toEqual(text.appendices);
		});

		it('gives the same header, indicators and reporting duties', async () => {
			const word = await parseRebuild(file, layout);
			expect(word.plan).toEqual(text.plan);
			expect(word.indicators).toEqual(text.indicators);
			expect(word.reports).toEqual(text.reports);
		});

		it('gives the same warnings, except page breaks that a Word table does not have', async () => {
			const word = await parseRebuild(file, layout);
			const expected = layout === 'as-printed' ? messages(text) : messages(text).filter((m) => !PAGE_BREAK.test(m));
			expect(messages(word)).toEqual(expected);
		});
	});
});
