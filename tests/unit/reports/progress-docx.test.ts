import { describe, expect, it } from 'vitest';
import { summarizeDoc } from '../../../server/snapshots/summarize.js';
import { progressReportDocx } from '../../../server/reports/progress-docx.js';
import { context, fixtureDoc } from './fixture-board.js';
import { documentXml, runsText, tableRows } from './docx-xml.js';

async function report() {
	const summary = summarizeDoc(fixtureDoc().doc, context, '2026-10-01');
	const xml = documentXml(await progressReportDocx(summary, { period: 'half-year', date: '2026-10-05' }));
	return { summary, xml, text: runsText(xml), tables: tableRows(xml) };
}

describe('progress report (report.docx)', () => {
	it('opens with the issuer and the national motto, the dateline and the title', async () => {
		const { text } = await report();
		expect(text).toContain('BAN CHỈ ĐẠO PHÁT TRIỂN KINH TẾ TẬP THỂ THÀNH PHỐ CẦN THƠ');
		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
		expect(text).toContain('Cần Thơ, ngày 05 tháng 10 năm 2026');
		expect(text).toContain('BÁO CÁO');
		expect(text).toContain('6 tháng đầu năm 2026');
	});

	it('counts the four categories, with their share', async () => {
		const { tables } = await report();
		const counts = tables.find((t) => t[0] === 'Phân loại | Số nhiệm vụ | Tỷ lệ (%)')!;
		expect(counts.slice(1)).toEqual([
			'Hoàn thành đúng hạn | 1 | 16,7',
			'Hoàn thành quá hạn | 1 | 16,7',
			'Chưa hoàn thành – trong hạn | 2 | 33,3',
			'Chưa hoàn thành – quá hạn | 2 | 33,3',
			'Tổng cộng | 6 | 100'
		]);
	});

	it('has the task table with a repeated header row, section bands and every task with its result', async () => {
		const { xml, tables, summary } = await report();
		expect(xml).toContain('<w:tblHeader/>');
		const tasks = tables.find((t) => t[0].startsWith('STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành'))!;
		expect(tasks[1]).toBe('I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH');
		expect(tasks[2]).toBe(
			'1 | Xây dựng kế hoạch kiểm tra | Sở Tài chính | Quý II/2026 | Hoàn thành đúng hạn | Đã ban hành Kế hoạch kiểm tra số 45/KH-BCĐ.'
		);
		expect(tasks.filter((r) => r.includes(' | '))).toHaveLength(summary.cards.length + 1);
	});

	it('lists the indicators with target and reported value, and the blocked tasks as obstacles', async () => {
		const { tables, text } = await report();
		expect(tables.some((t) => t.includes('a | Thành lập mới trên 100 HTX | trên 100 HTX | 64'))).toBe(true);
		expect(text).toContain('Nhiệm vụ II.2 (Liên minh Hợp tác xã thành phố chủ trì): Đào tạo cán bộ quản lý HTX');
	});
});
