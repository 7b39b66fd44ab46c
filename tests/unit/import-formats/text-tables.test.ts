/**
 * Markdown pipe tables, HTML tables and CSV files: the layouts each format allows, one rule per
 * test. Each small plan has a task table whose expected tasks are written out here.
 */
import { describe, expect, it } from 'vitest';
import { parsePlanBytes } from '../../../server/import/parse-source.js';
import { parseCsv, detectDelimiter } from '../../../server/import/csv/read-csv.js';
import { splitRow } from '../../../server/import/markdown/read-markdown.js';
import type { ParsedPlan } from '../../../src/lib/core/parsed-plan.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEADING = 'KẾ HOẠCH\nHoạt động năm 2026\n\nPhụ lục I\nDANH MỤC NHIỆM VỤ\n';

async function parse(text: string | Uint8Array, name: string) {
	return parsePlanBytes(typeof text === 'string' ? utf8(text) : text, name, { fallbackYear: 2026 });
}

/** [section, stt, title, lead, support, deadline raw] of every task. */
function rows(plan: ParsedPlan) {
	return plan.appendices.flatMap((a) =>
		a.kind === 'tasks' ? a.sections.flatMap((s) => s.tasks.map((t) => [s.code, t.stt, t.title, t.lead, t.support, t.deadline.raw])) : []
	);
}

describe('Markdown (GFM pipe tables)', () => {
	it('a plan whose appendix is a pipe table is no longer "Không tìm thấy nhiệm vụ nào"', async () => {
		const md = `${HEADING}\n| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n| 1 | Tuyên truyền | Sở Tài chính | Sở Nội vụ | Quý II/2026 |\n`;
		const { source, parsed } = await parse(md, 'ke-hoach.md');
		expect(source.kind).toBe('markdown');
		expect(parsed.warnings.map((w) => w.message)).not.toContain('Không tìm thấy nhiệm vụ nào (không có bảng nhiệm vụ hay phần phân công cơ quan)');
		expect(rows(parsed)).toEqual([['', '1', 'Tuyên truyền', ['Sở Tài chính'], ['Sở Nội vụ'], 'Quý II/2026']]);
	});

	it('bold or plain section rows, alignment colons, rows without outer pipes, <br> and escaped pipes in cells', async () => {
		const md = [
			HEADING,
			'STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành',
			':-: | :-- | --- | ---: | :---:',
			'**I** | **Công tác chỉ đạo** | | |',
			'1 | Rà soát<br>quy chế \\| phụ lục | Sở Tài chính | Sở Nội vụ<br/>Sở Tư pháp | Năm 2026',
			'II | Chính sách | | | ',
			'| 1 | Ban hành `nghị quyết` | **Sở Tài chính** | Các sở, ngành, địa phương | Quý III/2026 |',
			'',
			'Nơi nhận: như trên'
		].join('\n');
		const { parsed } = await parse(md, 'ke-hoach.md');
		expect(rows(parsed)).toEqual([
			['I', '1', 'Rà soát quy chế | phụ lục', ['Sở Tài chính'], ['Sở Nội vụ', 'Sở Tư pháp'], 'Năm 2026'],
			['II', '1', 'Ban hành nghị quyết', ['Sở Tài chính'], ['Các sở, ngành, địa phương'], 'Quý III/2026']
		]);
		const tasks = parsed.appendices[0];
		expect(tasks.kind === 'tasks' && tasks.sections.map((s) => s.title)).toEqual(['Công tác chỉ đạo', 'Chính sách']);
	});

	it('a row with fewer cells is padded and one with more is cut to the header', async () => {
		const md = `${HEADING}\n| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n| --- | --- | --- | --- |\n| 1 | Một | Sở Tài chính |\n| 2 | Hai | Sở Nội vụ | Năm 2026 | thừa |\n`;
		expect(rows((await parse(md, 'a.md')).parsed)).toEqual([
			['', '1', 'Một', ['Sở Tài chính'], [], ''],
			['', '2', 'Hai', ['Sở Nội vụ'], [], 'Năm 2026']
		]);
	});

	it('splits a row at unescaped pipes only', () => {
		expect(splitRow('| a \\| b | c |')).toEqual(['a | b', 'c']);
		expect(splitRow('a|b')).toEqual(['a', 'b']);
		expect(splitRow('no pipe')).toEqual([]);
	});

	it('warnings name the line of the Markdown file', async () => {
		const md = `${HEADING}\n| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n| --- | --- | --- | --- |\n| 1 | Một | Sở Tài chính | khi nào đó |\n`;
		const { source, parsed } = await parse(md, 'a.md');
		const w = parsed.warnings.find((x) => x.code === 'plan_task_deadline_unclear');
		expect(source.labels[w!.line!]).toEqual({ code: 'where_line', params: { line: 9 } });
	});
});

describe('HTML tables', () => {
	it('a table pasted from Word: MsoNormal paragraphs, <o:p>, &nbsp;, styles and conditional comments', async () => {
		const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]--></head><body>
<p class=MsoNormal>Phụ lục I<o:p></o:p></p><p class=MsoNormal>DANH MỤC NHIỆM VỤ</p>
<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal><b>STT</b><o:p></o:p></p></td><td><p class=MsoNormal><b>Nhiệm&nbsp;vụ</b></p></td><td><p class=MsoNormal><b>Cơ quan chủ trì</b></p></td><td><p class=MsoNormal><b>Thời gian hoàn thành</b></p></td></tr>
<tr><td><p class=MsoNormal>1</p></td><td><p class=MsoNormal><span lang=VI style='font-size:13.0pt'>Tuyên&nbsp;truyền</span><o:p></o:p></p></td><td><p class=MsoNormal>Sở Tài chính</p><p class=MsoNormal>Sở Nội vụ</p></td><td>Năm 2026</td></tr>
</table></body></html>`;
		const { source, parsed } = await parse(html, 'dan-tu-word.htm');
		expect(source.kind).toBe('html');
		// Two paragraphs in the lead cell are two agencies, as in Word.
		expect(rows(parsed)).toEqual([['', '1', 'Tuyên truyền', ['Sở Tài chính', 'Sở Nội vụ'], [], 'Năm 2026']]);
	});

	it('rowspan repeats the lead for each task it covers; a section row spans all columns; <th> rows in <thead> are the header', async () => {
		const html = `<p>Phụ lục I</p><table><thead><tr><th rowspan="2">STT</th><th rowspan="2">Nhiệm vụ</th><th colspan="2">Cơ quan thực hiện</th><th rowspan="2">Thời gian hoàn thành</th></tr>
<tr><th>Chủ trì</th><th>Phối hợp</th></tr></thead><tbody>
<tr><td colspan="5"><b>I. CÔNG TÁC CHỈ ĐẠO</b></td></tr>
<tr><td>1</td><td>Một</td><td rowspan="2">Sở Tài chính</td><td>Sở Nội vụ</td><td rowspan="2">Quý I/2026</td></tr>
<tr><td>2</td><td>Hai</td><td>Sở Tư pháp</td></tr>
<tr><td>II</td><td colspan="4">Chính sách</td></tr>
<tr><td>1</td><td>Ba</td><td>Liên minh Hợp tác xã thành phố</td><td></td><td>Năm 2026</td></tr>
</tbody></table>`;
		const { source, parsed } = await parse(html, 'bang.html');
		expect(source.kind).toBe('html');
		expect(rows(parsed)).toEqual([
			['I', '1', 'Một', ['Sở Tài chính'], ['Sở Nội vụ'], 'Quý I/2026'],
			['I', '2', 'Hai', ['Sở Tài chính'], ['Sở Tư pháp'], 'Quý I/2026'],
			['II', '1', 'Ba', ['Liên minh Hợp tác xã thành phố'], [], 'Năm 2026']
		]);
	});

	it('a text plan with an HTML table in it keeps its lines outside the table', async () => {
		const text = `Số: 12/KH-UBND\nCần Thơ, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\nHỗ trợ hợp tác xã năm 2026\n\nPhụ lục I\n<table><tr><td>STT</td><td>Nhiệm vụ</td><td>Cơ quan chủ trì</td></tr><tr><td>1</td><td>Một</td><td>Sở Tài chính</td></tr></table>\n`;
		const { parsed } = await parse(text, 'ke-hoach.txt');
		expect(parsed.plan).toMatchObject({ number: '12/KH-UBND', date: '2026-03-05', place: 'Cần Thơ' });
		expect(rows(parsed)).toEqual([['', '1', 'Một', ['Sở Tài chính'], [], '']]);
	});

	it('a page saved by Word in windows-1258 is decoded by its <meta charset>', async () => {
		// "Sở Tài chính" in windows-1258: o with horn (0xF5) + combining hook (0xD2), a + combining grave (0xCC), í (0xED).
		const head =
			'<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1258"></head><body><p>Phu luc</p><table><tr><td>STT</td><td>Nhiem vu</td><td>Co quan chu tri</td></tr><tr><td>1</td><td>Mot</td><td>';
		const tail = '</td></tr></table></body></html>';
		const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
		const soTaiChinh = [0x53, 0xf5, 0xd2, 0x20, 0x54, 0x61, 0xcc, 0x69, 0x20, 0x63, 0x68, 0xed, 0x6e, 0x68];
		const bytes = new Uint8Array([...ascii(head), ...soTaiChinh, ...ascii(tail)]);
		const { parsed } = await parse(bytes, 'trang.htm');
		expect(rows(parsed)[0][3]).toEqual(['Sở Tài chính']);
	});
});

describe('CSV and TSV', () => {
	it('guesses the delimiter from what is used outside quotes', () => {
		expect(detectDelimiter('STT;Nhiệm vụ;"a, b"\n1;x;y')).toBe(';');
		expect(detectDelimiter('STT,Nhiệm vụ,"a; b"\n1,x,y')).toBe(',');
		expect(detectDelimiter('STT\tNhiệm vụ\n1\tx')).toBe('\t');
	});

	it('reads quoted fields with doubled quotes and line breaks, and says where each record starts', () => {
		expect(parseCsv('a,"b ""c""\nd",e\r\nf,g\n', ',')).toEqual([
			{ line: 1, fields: ['a', 'b "c"\nd', 'e'] },
			{ line: 3, fields: ['f', 'g'] }
		]);
	});

	it('an Excel "CSV UTF-8" with BOM and semicolons, title rows above the header, a second appendix after a blank row', async () => {
		const csv = [
			'PHỤ LỤC I;;;',
			'DANH MỤC NHIỆM VỤ;;;',
			'STT;Nhiệm vụ;Cơ quan chủ trì;Cơ quan phối hợp;Thời gian hoàn thành',
			'I;Công tác chỉ đạo;;;',
			'1;"Rà soát; ban hành quy chế";"Sở Tài chính, Liên minh Hợp tác xã thành phố";Sở Nội vụ;Quý IV/2026',
			';;;;',
			'PHỤ LỤC II;;;',
			'STT;Họ và tên;Chức danh, chức vụ;Địa bàn (xã, phường)',
			'1;Ông Nguyễn Văn A;Giám đốc Sở Tài chính;"Phường Ninh Kiều, Phường Cái Khế"'
		].join('\r\n');
		const { source, parsed } = await parse(utf8(`\uFEFF${csv}`), 'phu-luc.csv');
		expect(source.kind).toBe('csv');
		expect(rows(parsed)).toEqual([
			['I', '1', 'Rà soát; ban hành quy chế', ['Sở Tài chính', 'Liên minh Hợp tác xã thành phố'], ['Sở Nội vụ'], 'Quý IV/2026']
		]);
		const members = parsed.appendices.find((a) => a.kind === 'assignments');
		expect(members?.kind === 'assignments' && members.members.map((m) => [m.name, m.areas])).toEqual([
			['Ông Nguyễn Văn A', ['Phường Ninh Kiều', 'Phường Cái Khế']]
		]);
	});

	it('a .tsv file is split at tabs', async () => {
		const tsv = 'Phụ lục\nSTT\tNhiệm vụ\tCơ quan chủ trì\n1\tMột, hai\tSở Tài chính\n';
		expect(rows((await parse(tsv, 'bang.tsv')).parsed)).toEqual([['', '1', 'Một, hai', ['Sở Tài chính'], [], '']]);
	});

	it('a CSV without a recognisable header is refused as such by the upload', async () => {
		const { refuseIfNoTasks } = await import('../../../server/import/parse-source.js');
		const read = await parse('Số,Việc,Người làm\n1,Việc một,An\n2,Việc hai,Bình\n', 'bang.csv');
		expect(() => refuseIfNoTasks(read)).toThrow(/Không nhận ra hàng tiêu đề|không giống một kế hoạch/);
	});
});
