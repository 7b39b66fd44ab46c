import { describe, expect, it } from 'vitest';
import { parsePlanBytes } from '../../../server/import/parse-source.js';
import type { ParsedPlan, TasksAppendix } from '../../../src/lib/core/parsed-plan.js';
import { docxBytes, para, planHeading, row, STT_LIST, table, TASK_HEADER } from './docx-builder.js';
import { cells, HEADER_ROW, HEADING, p, rawDocx, tbl, tc, tr } from './raw-docx.js';
import { Paragraph, type FileChild } from 'docx';

async function parseWord(children: FileChild[]): Promise<ParsedPlan> {
	return (await parsePlanBytes(await docxBytes(children), 'ke-hoach.docx', { fallbackYear: 2026 })).parsed;
}

const taskLists = (p: ParsedPlan) => p.appendices.filter((a): a is TasksAppendix => a.kind === 'tasks');
const tasksOf = (p: ParsedPlan) => taskLists(p).flatMap((a) => a.sections.flatMap((s) => s.tasks));
const shape = (p: ParsedPlan) => taskLists(p).map((a) => a.sections.map((s) => [s.code, s.title, s.tasks.map((t) => t.stt)]));

const appendix = (...children: FileChild[]) => [...planHeading(), para('Phụ lục I'), para('DANH MỤC NHIỆM VỤ'), ...children];

describe('Word tables: merged cells', () => {
	it('a section title merged across the row (gridSpan) opens a section', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(TASK_HEADER, { header: true }),
					row(['I', { text: 'Công tác chỉ đạo', span: 4 }]),
					row(['1', 'Ban hành quy chế', 'Sở Tài chính', 'Sở Nội vụ', 'Quý I/2026']),
					row([{ text: 'II. TUYÊN TRUYỀN', span: 5 }]),
					row(['1', 'Tuyên truyền', 'Liên minh Hợp tác xã thành phố', '', 'Năm 2026'])
				])
			)
		);
		expect(shape(plan)).toEqual([
			[
				['I', 'Công tác chỉ đạo', ['1']],
				['II', 'TUYÊN TRUYỀN', ['1']]
			]
		]);
	});

	it('a lead agency merged down over three tasks (vMerge) leads each of them', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(TASK_HEADER, { header: true }),
					row(['1', 'Việc một', { text: 'Sở Tài chính', rows: 3 }, 'Sở Nội vụ', { text: 'Năm 2026', rows: 2 }]),
					row(['2', 'Việc hai', 'Sở Xây dựng']),
					row(['3', 'Việc ba', 'Các sở, ngành, địa phương', 'Quý IV/2026'])
				])
			)
		);
		expect(tasksOf(plan).map((t) => [t.stt, t.lead, t.deadline.raw])).toEqual([
			['1', ['Sở Tài chính'], 'Năm 2026'],
			['2', ['Sở Tài chính'], 'Năm 2026'],
			['3', ['Sở Tài chính'], 'Quý IV/2026']
		]);
	});

	it('a task whose STT cell is merged over two rows is one task; the second row adds a supporting agency', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(TASK_HEADER, { header: true }),
					row([
						{ text: '1', rows: 2 },
						{ text: 'Hỗ trợ hợp tác xã chuyển đổi số', rows: 2 },
						{ text: 'Sở Khoa học và Công nghệ', rows: 2 },
						'Sở Tài chính',
						{ text: 'Quý III/2026', rows: 2 }
					]),
					row(['Liên minh Hợp tác xã thành phố']),
					row(['2', 'Việc hai', 'Sở Tài chính', '', 'Năm 2026'])
				])
			)
		);
		const [first, second] = tasksOf(plan);
		expect(first).toMatchObject({ stt: '1', lead: ['Sở Khoa học và Công nghệ'], support: ['Sở Tài chính', 'Liên minh Hợp tác xã thành phố'] });
		expect(second.stt).toBe('2');
		expect(plan.warnings.filter((w) => /ngắt trang|thiếu số/.test(w.message))).toEqual([]);
	});

	it('empty grid columns before a row (gridBefore) keep its cells under their headers', async () => {
		const body =
			HEADING +
			tbl([
				HEADER_ROW,
				tr([tc(p('1')), ...cells('Việc một', 'Sở Tài chính')], '<w:gridAfter w:val="2"/>'),
				tr(cells('Việc hai', 'Sở Nội vụ', 'Sở Tài chính', 'Năm 2026'), '<w:gridBefore w:val="1"/>')
			]);
		const plan = (await parsePlanBytes(rawDocx(body), 'k.docx', { fallbackYear: 2026 })).parsed;
		expect(tasksOf(plan).map((t) => [t.stt, t.title, t.lead, t.support])).toEqual([
			['1', 'Việc một', ['Sở Tài chính'], []],
			['2', 'Việc hai', ['Sở Nội vụ'], ['Sở Tài chính']]
		]);
	});

	it('the older horizontal merge (hMerge) spans like gridSpan', async () => {
		const body =
			HEADING +
			tbl([
				HEADER_ROW,
				tr([tc(p('I')), tc(p('Chỉ đạo'), '<w:hMerge w:val="restart"/>'), tc('', '<w:hMerge/>'), tc('', '<w:hMerge/>'), tc('', '<w:hMerge/>')]),
				tr(cells('1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'))
			]);
		const plan = (await parsePlanBytes(rawDocx(body), 'k.docx', { fallbackYear: 2026 })).parsed;
		expect(shape(plan)).toEqual([[['I', 'Chỉ đạo', ['1']]]]);
	});
});

describe('Word tables: cells of several paragraphs', () => {
	it('agencies written one per paragraph in a lead cell are separate lead agencies; a title in two paragraphs is one title', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(TASK_HEADER, { header: true }),
					row(['1', { text: ['Xây dựng kế hoạch', 'phát triển hợp tác xã'] }, { text: ['Sở Tài chính', 'Sở Nội vụ'] }, '', 'Năm 2026'])
				])
			)
		);
		expect(tasksOf(plan)[0]).toMatchObject({ title: 'Xây dựng kế hoạch phát triển hợp tác xã', lead: ['Sở Tài chính', 'Sở Nội vụ'] });
	});
});

describe('Word tables: automatic numbering', () => {
	it('an STT column numbered by Word (a list started again in each section) gives the tasks their numbers', async () => {
		const stt = (instance: number) => ({ paragraphs: [new Paragraph({ numbering: { reference: STT_LIST, level: 0, instance } })] });
		const plan = await parseWord(
			appendix(
				table([
					row(TASK_HEADER, { header: true }),
					row(['I', { text: 'Chỉ đạo', span: 4 }]),
					row([stt(1), 'Việc một', 'Sở Tài chính', '', 'Năm 2026']),
					row([stt(1), 'Việc hai', 'Sở Tài chính', '', 'Năm 2026']),
					row(['II', { text: 'Kiểm tra', span: 4 }]),
					row([stt(2), 'Việc ba', 'Sở Nội vụ', '', 'Năm 2026'])
				])
			)
		);
		expect(shape(plan)).toEqual([
			[
				['I', 'Chỉ đạo', ['1', '2']],
				['II', 'Kiểm tra', ['1']]
			]
		]);
		expect(plan.warnings.filter((w) => /thiếu số|nhảy/.test(w.message))).toEqual([]);
	});
});

describe('Word paragraphs: automatic numbering', () => {
	it('headings numbered through their style (I., II.) and duties numbered as a list (1., a)) read like typed markers', async () => {
		const numbering = `<w:abstractNum w:abstractNumId="0">
			<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
			<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
			<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
		</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>`;
		const styles = `<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
			<w:style w:type="paragraph" w:styleId="PartTitle"><w:basedOn w:val="Heading1"/></w:style>`;
		const heading = (text: string) => `<w:p><w:pPr><w:pStyle w:val="PartTitle"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
		const item = (level: number, text: string) =>
			`<w:p><w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
		const body =
			[p('Số: 12/KH-UBND'), p('Cần Thơ, ngày 3 tháng 4 năm 2026'), p('KẾ HOẠCH'), p('Phát triển hợp tác xã')].join('') +
			heading('MỤC TIÊU') +
			heading('TỔ CHỨC THỰC HIỆN') +
			item(1, 'Sở Tài chính:') +
			item(2, 'Chủ trì tham mưu kế hoạch hỗ trợ hợp tác xã.') +
			item(2, 'Tổng hợp báo cáo kết quả thực hiện.') +
			item(1, 'Sở Nội vụ:') +
			item(2, 'Hướng dẫn thành lập hợp tác xã.');
		const plan = (await parsePlanBytes(rawDocx(body, { numbering, styles }), 'k.docx', { fallbackYear: 2026 })).parsed;
		const derived = taskLists(plan)[0];
		expect(derived).toMatchObject({ derived: true });
		expect(derived.sections.map((s) => [s.code, s.title])).toEqual([['II', 'TỔ CHỨC THỰC HIỆN']]);
		expect(derived.sections[0].tasks.map((t) => [t.lead, t.title])).toEqual([
			[['Sở Tài chính'], expect.stringContaining('tham mưu kế hoạch hỗ trợ hợp tác xã')],
			[['Sở Tài chính'], expect.stringContaining('Tổng hợp báo cáo')],
			[['Sở Nội vụ'], expect.stringContaining('Hướng dẫn thành lập')]
		]);
	});
});

describe('Word tables: headers', () => {
	it('the header row Word repeats on every page is read once, and a header row typed again inside the table is skipped', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(TASK_HEADER, { header: true }),
					row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026']),
					row(TASK_HEADER),
					row(['2', 'Việc hai', 'Sở Tài chính', '', 'Năm 2026'])
				])
			)
		);
		expect(tasksOf(plan).map((t) => t.stt)).toEqual(['1', '2']);
	});

	it('a two-row header ("Đơn vị thực hiện" over "Đơn vị chủ trì" | "Đơn vị phối hợp") gives the lead and support columns', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(
						[
							{ text: 'TT', rows: 2 },
							{ text: 'Nội dung công việc', rows: 2 },
							{ text: 'Đơn vị thực hiện', span: 2 },
							{ text: 'Thời hạn', rows: 2 }
						],
						{ header: true }
					),
					row(['Đơn vị chủ trì', 'Đơn vị phối hợp'], { header: true }),
					row(['1', 'Xây dựng kế hoạch', 'Sở Tài chính', 'Sở Nông nghiệp và Môi trường', 'Quý II/2026'])
				])
			)
		);
		expect(tasksOf(plan)).toEqual([
			expect.objectContaining({ stt: '1', title: 'Xây dựng kế hoạch', lead: ['Sở Tài chính'], support: ['Sở Nông nghiệp và Môi trường'] })
		]);
	});

	it('an extra "Sản phẩm" column gives each task its expected output', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời gian hoàn thành'], { header: true }),
					row(['1', 'Tổng kết Nghị định 77', 'Sở Tài chính', '', 'Báo cáo tổng kết', 'Quý III/2026'])
				])
			)
		);
		expect(tasksOf(plan)[0]).toMatchObject({ output: 'Báo cáo tổng kết', deadline: { kind: 'quarter', due: '2026-09-30' } });
	});

	it('the row of column numbers printed under the header is not a task', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(TASK_HEADER, { header: true }),
					row(['(1)', '(2)', '(3)', '(4)', '(5)'], { header: true }),
					row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'])
				])
			)
		);
		expect(tasksOf(plan).map((t) => t.title)).toEqual(['Việc một']);
	});

	it('a title row merged across the top of the table comes before the header it names', async () => {
		const plan = await parseWord([
			...planHeading(),
			table([
				row([{ text: 'Phụ lục I: DANH MỤC NHIỆM VỤ', span: 5 }]),
				row(TASK_HEADER, { header: true }),
				row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'])
			])
		]);
		expect(taskLists(plan)[0].title).toBe('Phụ lục I: DANH MỤC NHIỆM VỤ');
		expect(tasksOf(plan)).toHaveLength(1);
	});

	it('an STT column that is not the first column is still the STT', async () => {
		const plan = await parseWord(
			appendix(
				table([
					row(['Nhiệm vụ', 'STT', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'], { header: true }),
					row(['Việc một', '1', 'Sở Tài chính', '', 'Năm 2026']),
					row(['Việc hai', '2', 'Sở Nội vụ', '', 'Năm 2026'])
				])
			)
		);
		expect(tasksOf(plan).map((t) => [t.stt, t.title, t.lead[0]])).toEqual([
			['1', 'Việc một', 'Sở Tài chính'],
			['2', 'Việc hai', 'Sở Nội vụ']
		]);
	});
});

describe('Word tables: several tables', () => {
	it('several tables under one appendix are one task list, whether the later ones repeat the header or not', async () => {
		const plan = await parseWord(
			appendix(
				table([row(TASK_HEADER, { header: true }), row(['I', { text: 'Chỉ đạo', span: 4 }]), row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'])]),
				para('(tiếp theo)'),
				table([
					row(['STT', 'Nội dung', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn'], { header: true }),
					row(['2', 'Việc hai', 'Sở Tài chính', '', 'Năm 2026'])
				]),
				table([row(['II', { text: 'Kiểm tra', span: 4 }]), row(['1', 'Việc ba', 'Sở Nội vụ', '', 'Quý IV/2026'])])
			)
		);
		expect(taskLists(plan)).toHaveLength(1);
		expect(shape(plan)).toEqual([
			[
				['I', 'Chỉ đạo', ['1', '2']],
				['II', 'Kiểm tra', ['1']]
			]
		]);
	});

	it('a second "Phụ lục" starts a second task list even with the same columns', async () => {
		const plan = await parseWord([
			...appendix(table([row(TASK_HEADER, { header: true }), row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'])])),
			para('Phụ lục II'),
			para('NHIỆM VỤ BỔ SUNG'),
			table([row(TASK_HEADER, { header: true }), row(['1', 'Việc bổ sung', 'Sở Nội vụ', '', 'Năm 2026'])])
		]);
		expect(taskLists(plan).map((a) => a.title)).toEqual(['Phụ lục I: DANH MỤC NHIỆM VỤ', 'Phụ lục II: NHIỆM VỤ BỔ SUNG']);
	});

	it('the letterhead laid out in a borderless table is read as the plan header', async () => {
		const plan = await parseWord([
			table([
				row([{ text: ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ CẦN THƠ'] }, { text: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] }]),
				row(['Số: 219/KH-UBND', 'Cần Thơ, ngày 23 tháng 10 năm 2023'])
			]),
			para('KẾ HOẠCH'),
			para('Phát triển hợp tác xã'),
			para('Phụ lục'),
			table([row(TASK_HEADER, { header: true }), row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2023'])])
		]);
		expect(plan.plan).toMatchObject({ number: '219/KH-UBND', place: 'Cần Thơ', date: '2023-10-23', year: 2023, title: 'Phát triển hợp tác xã' });
		expect(tasksOf(plan)).toHaveLength(1);
	});
});
