import { describe, expect, it } from 'vitest';
import { allTasks, parseSeed, SEED_PLANS, tasksAppendix } from './seed-plans.js';

// 004: Hà Nội 2026 plan: bullet targets, agency headings with paragraphs, one report date.
const plan = parseSeed(SEED_PLANS.haNoi2026);

describe('Hà Nội 2026 plan: header', () => {
	it('takes its year from the title when the date line is blank', () => {
		expect(plan.plan).toMatchObject({
			docType: 'Kế hoạch',
			number: null,
			date: null,
			year: 2026,
			place: 'Hà Nội',
			title: 'Phát triển kinh tế tập thể, hợp tác xã thành phố Hà Nội năm 2026',
			issuer: 'Ủy ban nhân dân thành phố Hà Nội'
		});
	});
});

describe('Hà Nội 2026 plan: indicators', () => {
	const ind = plan.indicators;

	it('has 13 indicators', () => {
		expect(ind).toHaveLength(13);
		expect(ind.every((i) => i.code === null)).toBe(true);
	});

	it('the first has two targets: 150 HTX and 3 LH HTX ("03")', () => {
		expect(ind[0].targets).toEqual([
			{ value: 150, max: null, unit: 'HTX', comparator: 'eq' },
			{ value: 3, max: null, unit: 'LH HTX', comparator: 'eq' }
		]);
	});

	it('"từ 240 HTX trở lên" is at least 240', () => {
		expect(ind[1].targets).toEqual([{ value: 240, max: null, unit: 'HTX', comparator: 'gte' }]);
	});

	it('"trên 100" is more than 100', () => {
		expect(ind[2].targets).toEqual([{ value: 100, max: null, unit: 'HTX', comparator: 'gt' }]);
	});

	it('"3.200 triệu đồng/năm" is 3200 million VND a year', () => {
		expect(ind.flatMap((i) => i.targets)).toContainEqual({ value: 3200, max: null, unit: 'triệu đồng/năm', comparator: 'eq' });
	});

	it('one target is 3490 people', () => {
		expect(ind.flatMap((i) => i.targets)).toContainEqual({ value: 3490, max: null, unit: 'người', comparator: 'eq' });
	});

	it('"từ 70% trở lên" is at least 70 percent', () => {
		expect(ind[4].targets).toEqual([{ value: 70, max: null, unit: '%', comparator: 'gte' }]);
	});
});

describe('Hà Nội 2026 plan: tasks derived from agency headings', () => {
	const tasks = allTasks(plan);
	const leads = new Set(tasks.flatMap((t) => t.lead));

	it('is a derived appendix', () => {
		expect(tasksAppendix(plan).derived).toBe(true);
	});

	it('has at least one task per agency heading in III.4–III.6', () => {
		for (const agency of [
			'Sở Tài chính',
			'Sở Nông nghiệp và Môi trường',
			'Sở Công Thương',
			'Sở Khoa học và Công nghệ',
			'Ngân hàng Nhà nước – Chi nhánh Khu vực I',
			'Thuế thành phố Hà Nội',
			'Liên minh Hợp tác xã thành phố',
			'UBND các phường, xã',
			'Sở Nội vụ',
			'Mặt trận Tổ quốc'
		]) {
			expect(leads, agency).toContain(agency);
		}
	});

	it('each paragraph under an agency heading is its own task ("4.a.1", "4.a.2")', () => {
		const finance = tasks.filter((t) => t.stt.startsWith('4.a'));
		expect(finance.map((t) => t.stt)).toEqual(['4.a.1', '4.a.2']);
		expect(finance.every((t) => t.lead.join() === 'Sở Tài chính')).toBe(true);
	});

	it('an agency with one duty gets one task numbered after its heading ("5.c")', () => {
		expect(tasks.find((t) => t.stt === '5.c')).toMatchObject({ lead: ['Sở Công Thương'], leadRaw: 'Sở Công Thương' });
	});

	it('"X phối hợp với Y: …" makes X lead and Y support', () => {
		expect(tasks.find((t) => t.stt === '3')).toMatchObject({
			lead: ['Liên minh Hợp tác xã thành phố'],
			support: ['Các sở, ban, ngành', 'UBND các phường, xã']
		});
	});
});

describe('Hà Nội 2026 plan: reports', () => {
	it('the report is due 2026-12-10 to Sở Tài chính', () => {
		expect(plan.reports).toHaveLength(1);
		expect(plan.reports[0]).toMatchObject({ due: '2026-12-10', to: 'Sở Tài chính', recurrence: null });
	});
});
