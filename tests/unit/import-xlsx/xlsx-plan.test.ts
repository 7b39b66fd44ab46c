import { describe, expect, it } from 'vitest';
import { parsePlanBytes, refuseIfNoTasks } from '../../../server/import/parse-source.js';
import type { ParsedPlan, TasksAppendix } from '../../../src/lib/core/parsed-plan.js';
import { searchKey } from '../../../src/lib/core/text.js';
import { parseSeed, readSeed, SEED_PLANS } from '../import/seed-plans.js';
import { workbookBytes, type Cell, type SheetSpec } from './workbook-builder.js';

const parse = async (sheets: SheetSpec[]) => (await parsePlanBytes(await workbookBytes(sheets), 'phu-luc.xlsx', { fallbackYear: 2026 })).parsed;
const taskLists = (p: ParsedPlan) => p.appendices.filter((a): a is TasksAppendix => a.kind === 'tasks');
const tasksOf = (p: ParsedPlan) => taskLists(p).flatMap((a) => a.sections.flatMap((s) => s.tasks));

const HEADER: Cell[] = ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];

describe('an appendix kept as a spreadsheet', () => {
	it('finds the header row by its column names below the title rows, whatever the column order', async () => {
		const plan = await parse([
			{
				rows: [
					['PHỤ LỤC I', null, null, null, null],
					['KẾ HOẠCH HOẠT ĐỘNG NĂM 2026', null, null, null, null],
					[],
					['Nội dung công việc', 'Thời hạn', 'TT', 'Đơn vị chủ trì', 'Đơn vị phối hợp'],
					['Ban hành quy chế', 'Quý I/2026', 1, 'Sở Tài chính', 'Sở Nội vụ'],
					['Tuyên truyền', 'Năm 2026', 2, 'Liên minh Hợp tác xã thành phố', 'Các sở, ngành, địa phương']
				],
				merges: [
					[1, 1, 1, 5],
					[2, 1, 2, 5]
				]
			}
		]);
		expect(taskLists(plan)[0].title).toBe('PHỤ LỤC I: KẾ HOẠCH HOẠT ĐỘNG NĂM 2026');
		expect(tasksOf(plan).map((t) => [t.stt, t.title, t.lead, t.support, t.deadline.due])).toEqual([
			['1', 'Ban hành quy chế', ['Sở Tài chính'], ['Sở Nội vụ'], '2026-03-31'],
			['2', 'Tuyên truyền', ['Liên minh Hợp tác xã thành phố'], ['Các sở, ngành, địa phương'], '2026-12-31']
		]);
	});

	it('recognises section rows: a Roman STT, or "II. Title" in a row merged across', async () => {
		const plan = await parse([
			{
				rows: [
					HEADER,
					['I', 'Công tác chỉ đạo'],
					[1, 'Việc một', 'Sở Tài chính', null, 'Năm 2026'],
					['II. KIỂM TRA, GIÁM SÁT'],
					[1, 'Việc hai', 'Sở Nội vụ', null, 'Quý IV/2026']
				],
				merges: [
					[2, 2, 2, 5],
					[4, 1, 4, 5]
				]
			}
		]);
		expect(taskLists(plan)[0].sections.map((s) => [s.code, s.title, s.tasks.length])).toEqual([
			['I', 'Công tác chỉ đạo', 1],
			['II', 'KIỂM TRA, GIÁM SÁT', 1]
		]);
	});

	it('a lead cell merged down over two tasks leads both; a blank or numbered-columns row is not a task', async () => {
		const plan = await parse([
			{
				rows: [
					HEADER,
					['(1)', '(2)', '(3)', '(4)', '(5)'],
					[1, 'Việc một', 'Sở Tài chính', null, 'Năm 2026'],
					[2, 'Việc hai', null, null, 'Năm 2026'],
					[],
					[3, 'Việc ba', 'Sở Nội vụ', null, new Date(Date.UTC(2026, 5, 30))]
				],
				merges: [[3, 3, 4, 3]]
			}
		]);
		expect(tasksOf(plan).map((t) => [t.stt, t.lead, t.deadline])).toEqual([
			['1', ['Sở Tài chính'], { raw: 'Năm 2026', kind: 'year', due: '2026-12-31' }],
			['2', ['Sở Tài chính'], { raw: 'Năm 2026', kind: 'year', due: '2026-12-31' }],
			['3', ['Sở Nội vụ'], { raw: '30/06/2026', kind: 'date', due: '2026-06-30' }]
		]);
	});

	it('agencies on separate lines of one cell (Alt+Enter) are separate agencies', async () => {
		const plan = await parse([{ rows: [HEADER, [1, 'Việc một', 'Sở Tài chính\nSở Nội vụ', null, 'Năm 2026']] }]);
		expect(tasksOf(plan)[0].lead).toEqual(['Sở Tài chính', 'Sở Nội vụ']);
	});

	it('hidden sheets are not read', async () => {
		const plan = await parse([
			{ rows: [HEADER, [1, 'Việc một', 'Sở Tài chính', null, 'Năm 2026']] },
			{ name: 'Danh mục', state: 'hidden', rows: [HEADER, [1, 'Không phải nhiệm vụ', 'Sở Nội vụ', null, 'Năm 2026']] }
		]);
		expect(tasksOf(plan).map((t) => t.title)).toEqual(['Việc một']);
	});

	it('a workbook without a recognisable header row is refused', async () => {
		const bytes = await workbookBytes([
			{
				rows: [
					['Số', 'Việc', 'Ai làm'],
					[1, 'Việc một', 'Sở Tài chính']
				]
			}
		]);
		const error = await parsePlanBytes(bytes, 'x.xlsx').catch((e: unknown) => e);
		expect(error).toMatchObject({ reason: 'no_header', message: expect.stringMatching(/^Không nhận ra hàng tiêu đề/) });
	});

	it('a workbook of something else than a plan is refused', async () => {
		const bytes = await workbookBytes([
			{
				rows: [
					['Họ và tên', 'Số điện thoại'],
					['Nguyễn Văn A', '0901']
				]
			}
		]);
		const error = await parsePlanBytes(bytes, 'x.xlsx')
			.then(refuseIfNoTasks)
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ reason: 'no_header' });
	});
});

/** A plan's task appendix as an office keeps it in Excel: its heading rows, then its table rows. */
function appendixAsSheet(text: string): SheetSpec {
	const strip = (s: string) =>
		s
			.replace(/<\/?b>/g, '')
			.replace(/\*+/g, '')
			.trim();
	const lines = text.split('\n');
	const header = lines.findIndex((l) => /^STT\t/.test(l));
	const heading = lines
		.slice(0, header)
		.map(strip)
		.filter((l) => l && !l.startsWith('('))
		.slice(-4);
	const start = heading.findIndex((l) => /^phu luc/.test(searchKey(l)));
	const rows: Cell[][] = [];
	for (const line of heading.slice(start)) rows.push([line]);
	let seenHeader = false;
	for (const line of lines.slice(header)) {
		if (/^Phụ lục/i.test(line)) break;
		if (!line.includes('\t')) continue;
		const cells = line.split('\t').map(strip);
		if (cells[0] === 'STT' && seenHeader) continue; // Excel repeats its header by print settings, not in the rows
		seenHeader = true;
		rows.push(cells.map((c) => (/^\d+$/.test(c) ? Number(c) : c || null)));
	}
	return { name: 'Phụ lục', rows };
}

describe.each([
	['000 Cần Thơ 2026, Phụ lục I', SEED_PLANS.canTho2026],
	['001 Đồng Nai 2026', SEED_PLANS.dongNai2026]
])('%s kept as a spreadsheet', (_name, file) => {
	it('gives the same sections and tasks as its text form', async () => {
		const text = taskLists(parseSeed(file))[0];
		const sheet = taskLists(await parse([appendixAsSheet(readSeed(file))]))[0];
		expect(sheet.sections).toEqual(text.sections);
		expect(sheet.title).toBe(text.title);
	});
});
