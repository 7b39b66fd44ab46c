import { describe, expect, it } from 'vitest';
import type { TasksAppendix } from '../../../src/lib/core/parsed-plan.js';
import { parsePlan } from '../../../server/import/parse-plan.js';

// Plans of the same shape as the seeds, written here, so the rules are not tied to four files.

const TABLE_PLAN = [
	'Số: 12/KH-UBND',
	'Đà Nẵng, ngày 5 tháng 3 năm 2027',
	'KẾ HOẠCH',
	'Phát triển hợp tác xã năm 2027',
	'',
	'Phụ lục',
	'DANH MỤC NHIỆM VỤ',
	'STT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời hạn',
	'I\tTuyên truyền\t\t\t\t',
	'1\tTổ chức hội nghị\tSở Tài nguyên và Môi trường\tSở Văn hóa, Thể thao và Du lịch, Hội nông dân thành phố\tHội nghị\tQuý I',
	'2\tXây dựng đề án về\tSở Tài chính\t\tĐề án\tTháng 6/2027',
	'',
	'STT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời hạn',
	'\thợp tác xã kiểu mới\t\t\t\t',
	'3\tViệc chưa rõ hạn\tLiên minh HTX thành phố\t\t\tTheo yêu cầu'
].join('\n');

describe('a task table of another plan', () => {
	const parsed = parsePlan(TABLE_PLAN);
	const tasks = (parsed.appendices[0] as TasksAppendix).sections[0].tasks;

	it('reads the header, columns found by their names, including an output column', () => {
		expect(parsed.plan).toMatchObject({ number: '12/KH-UBND', date: '2027-03-05', year: 2027, place: 'Đà Nẵng' });
		expect(tasks.map((t) => t.stt)).toEqual(['1', '2', '3']);
		expect(tasks[0]).toMatchObject({
			lead: ['Sở Nông nghiệp và Môi trường'],
			support: ['Sở Văn hóa, Thể thao và Du lịch', 'Hội Nông dân thành phố'],
			output: 'Hội nghị',
			deadline: { raw: 'Quý I', kind: 'quarter', due: '2027-03-31' }
		});
	});

	it('joins a title continued after a repeated header', () => {
		expect(tasks[1].title).toBe('Xây dựng đề án về hợp tác xã kiểu mới');
		expect(tasks[1].deadline.due).toBe('2027-06-30');
	});

	it('flags a merged agency and a deadline it does not understand', () => {
		const messages = parsed.warnings.map((w) => w.message);
		expect(messages).toContain('«Sở Tài nguyên và Môi trường» nay là «Sở Nông nghiệp và Môi trường» (sáp nhập năm 2025)');
		expect(messages.some((m) => m.includes('«Theo yêu cầu»'))).toBe(true);
		expect(tasks[2].deadline).toEqual({ raw: 'Theo yêu cầu', kind: 'unknown', due: null });
	});
});

const PROSE_PLAN = [
	'Số: 7/KH-UBND',
	'Huế, ngày 1 tháng 2 năm 2027',
	'KẾ HOẠCH',
	'Hỗ trợ hợp tác xã năm 2027',
	'',
	'I. MỤC TIÊU',
	'2. Mục tiêu cụ thể',
	'a) Thành lập mới ít nhất 1.250 HTX.',
	'b) Nâng cao chất lượng hoạt động.',
	'III. TỔ CHỨC THỰC HIỆN',
	'1. Sở Công Thương: chủ trì tổ chức hội chợ trước ngày 30/9/2027.',
	'2. Các sở, ngành, địa phương',
	'a) Phối hợp triển khai kế hoạch.',
	'b) Báo cáo kết quả thực hiện.',
	'3. Chế độ báo cáo: các đơn vị gửi báo cáo về Sở Tài chính trước ngày 15/12/2027.'
].join('\n');

describe('agency duties in the prose of another plan', () => {
	const parsed = parsePlan(PROSE_PLAN);
	const appendix = parsed.appendices[0] as TasksAppendix;
	const tasks = appendix.sections[0].tasks;

	it('derives one task per agency duty', () => {
		expect(appendix.derived).toBe(true);
		expect(tasks.map((t) => [t.stt, t.lead.join()])).toEqual([
			['1', 'Sở Công Thương'],
			['2.a', 'Các sở, ngành, địa phương'],
			['2.b', 'Các sở, ngành, địa phương']
		]);
	});

	it('reads a deadline written in the duty', () => {
		expect(tasks[0].deadline).toEqual({ raw: 'trước ngày 30/9/2027', kind: 'date', due: '2027-09-30' });
	});

	it('reads targets and the report', () => {
		expect(parsed.indicators.map((i) => [i.code, i.targets])).toEqual([
			['a', [{ value: 1250, max: null, unit: 'HTX', comparator: 'gte' }]],
			['b', []]
		]);
		expect(parsed.reports).toEqual([expect.objectContaining({ due: '2027-12-15', to: 'Sở Tài chính', recurrence: null })]);
	});
});
