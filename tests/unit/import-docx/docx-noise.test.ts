import { Paragraph, PageNumber, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parsePlanBytes } from '../../../server/import/parse-source.js';
import type { ParsedPlan, TasksAppendix } from '../../../src/lib/core/parsed-plan.js';
import { deleted, docxBytes, footnote, inserted, para, planHeading, row, table, TASK_HEADER } from './docx-builder.js';
import { cells, HEADER_ROW, HEADING, p, rawDocx, tbl, tc, tr } from './raw-docx.js';

const parse = async (bytes: Uint8Array) => (await parsePlanBytes(bytes, 'k.docx', { fallbackYear: 2026 })).parsed;
const tasksOf = (plan: ParsedPlan) =>
	plan.appendices.filter((a): a is TasksAppendix => a.kind === 'tasks').flatMap((a) => a.sections.flatMap((s) => s.tasks));
const everything = (plan: ParsedPlan) => JSON.stringify(plan);

describe('what a reader does not see is not read', () => {
	it('a footnote mark in a task leaves the task as written, and the footnote text is read nowhere', async () => {
		const title = new Paragraph({ children: [new TextRun('Tổng kết Nghị định 77'), footnote('Chú thích: xem Công văn 123/STC.')] });
		const bytes = await docxBytes([
			...planHeading(),
			para('Phụ lục I'),
			table([
				row(TASK_HEADER, { header: true }),
				row(['1', { text: [new TextRun('Tổng kết Nghị định 77'), footnote('Chú thích: xem Công văn 123/STC.')] }, 'Sở Tài chính', '', 'Năm 2026'])
			]),
			title
		]);
		const plan = await parse(bytes);
		expect(tasksOf(plan)[0].title).toBe('Tổng kết Nghị định 77');
		expect(everything(plan)).not.toContain('Công văn 123');
	});

	it('tracked changes count as accepted: deleted text is gone, inserted text is there', async () => {
		const bytes = await docxBytes([
			...planHeading(),
			para('Phụ lục I'),
			table([
				row(TASK_HEADER, { header: true }),
				row([
					'1',
					{ text: [new TextRun('Xây dựng '), deleted('dự thảo '), inserted('kế hoạch năm 2026')] },
					{ text: [deleted('Sở Nội vụ'), inserted('Sở Tài chính')] },
					'',
					'Năm 2026'
				])
			])
		]);
		expect(tasksOf(await parse(bytes))[0]).toMatchObject({ title: 'Xây dựng kế hoạch năm 2026', lead: ['Sở Tài chính'] });
	});

	it('a table row deleted as a tracked change is not a task', async () => {
		const body =
			HEADING +
			tbl([
				HEADER_ROW,
				tr(cells('1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026')),
				tr(cells('2', 'Việc đã xoá', 'Sở Nội vụ', '', 'Năm 2026'), '<w:del w:id="9" w:author="A" w:date="2026-03-01T00:00:00Z"/>')
			]);
		expect(tasksOf(await parse(rawDocx(body))).map((t) => t.title)).toEqual(['Việc một']);
	});

	it('text moved away (moveFrom) is read once, where it was moved to', async () => {
		const moved = `<w:p><w:moveFrom w:id="1" w:author="A"><w:r><w:t>Sở Tài chính</w:t></w:r></w:moveFrom><w:moveTo w:id="2" w:author="A"><w:r><w:t>Sở Nội vụ</w:t></w:r></w:moveTo></w:p>`;
		const body = HEADING + tbl([HEADER_ROW, tr([...cells('1', 'Việc một'), tc(moved), ...cells('', 'Năm 2026')])]);
		expect(tasksOf(await parse(rawDocx(body)))[0].lead).toEqual(['Sở Nội vụ']);
	});

	it('hidden text is not read', async () => {
		const bytes = await docxBytes([
			...planHeading(),
			para('Phụ lục I'),
			table([
				row(TASK_HEADER, { header: true }),
				row(['1', { text: [new TextRun('Việc một'), new TextRun({ text: ' (ghi chú ẩn)', vanish: true })] }, 'Sở Tài chính', '', 'Năm 2026'])
			])
		]);
		expect(tasksOf(await parse(bytes))[0].title).toBe('Việc một');
	});

	it('a field code (a page number) is not read, only what it shows', async () => {
		const bytes = await docxBytes([
			...planHeading(),
			new Paragraph({ children: [new TextRun('Trang '), new TextRun({ children: [PageNumber.CURRENT] })] }),
			para('Phụ lục I'),
			table([row(TASK_HEADER, { header: true }), row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'])])
		]);
		expect(everything(await parse(bytes))).not.toMatch(/PAGE/);
	});

	it('a text box and the fallback copy Word keeps of it are not read into the paragraph around them', async () => {
		const box = (text: string) => `<w:txbxContent>${p(text)}</w:txbxContent>`;
		const drawing = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box('DỰ THẢO')}</w:drawing></mc:Choice><mc:Fallback><w:pict>${box('DỰ THẢO')}</w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
		const body =
			HEADING.replace('<w:p><w:r><w:t xml:space="preserve">Thử nghiệm</w:t></w:r></w:p>', `<w:p><w:r><w:t>Thử nghiệm</w:t></w:r>${drawing}</w:p>`) +
			tbl([HEADER_ROW, tr(cells('1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'))]);
		const plan = await parse(rawDocx(body));
		expect(plan.plan.title).toBe('Thử nghiệm');
		expect(everything(plan)).not.toContain('DỰ THẢO');
	});

	it('a table nested in a cell gives its text to that cell', async () => {
		const nested = tbl([tr(cells('Sở Tài chính')), tr(cells('Liên minh Hợp tác xã thành phố'))]);
		const body = HEADING + tbl([HEADER_ROW, tr([...cells('1', 'Việc một'), tc(nested + '<w:p/>'), ...cells('', 'Năm 2026')])]);
		expect(tasksOf(await parse(rawDocx(body)))[0].lead).toEqual(['Sở Tài chính', 'Liên minh Hợp tác xã thành phố']);
	});

	it('a tab inside a paragraph does not make it a table row', async () => {
		const body =
			HEADING.replace(
				'<w:p><w:r><w:t xml:space="preserve">Thử nghiệm</w:t></w:r></w:p>',
				'<w:p><w:r><w:t>Thử</w:t><w:tab/><w:t>nghiệm</w:t></w:r></w:p>'
			) + tbl([HEADER_ROW, tr(cells('1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'))]);
		const plan = await parse(rawDocx(body));
		expect(plan.plan.title).toBe('Thử nghiệm');
		expect(tasksOf(plan)).toHaveLength(1);
	});
});
