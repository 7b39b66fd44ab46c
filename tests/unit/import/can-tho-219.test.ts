import { describe, expect, it } from 'vitest';
import { allTasks, parseSeed, SEED_PLANS, tasksAppendix } from './seed-plans.js';

// 003: Cần Thơ plan 219/KH-UBND of 2023: no table; duties, targets and reports are in the prose.
const plan = parseSeed(SEED_PLANS.canTho219);

describe('Cần Thơ plan 219/KH-UBND (2023)', () => {
	it("is plan number 219/KH-UBND of 23 October 2023 by the city People's Committee", () => {
		expect(plan.plan).toMatchObject({
			number: '219/KH-UBND',
			docType: 'Kế hoạch',
			date: '2023-10-23',
			year: 2023,
			place: 'Cần Thơ',
			issuer: 'Ủy ban nhân dân thành phố Cần Thơ'
		});
	});
});

describe('Cần Thơ 219: tasks derived from "V. TỔ CHỨC THỰC HIỆN"', () => {
	const appendix = tasksAppendix(plan);
	const tasks = allTasks(plan);

	it('is a derived appendix with one task per lettered duty, or per agency that has none (16)', () => {
		expect(appendix.derived).toBe(true);
		expect(appendix.sections.map((s) => [s.code, s.title])).toEqual([['V', 'TỔ CHỨC THỰC HIỆN']]);
		expect(tasks.map((t) => t.stt)).toEqual(['1.a', '1.b', '1.c', '1.d', '1.đ', '2', '3', '4', '5.a', '5.b', '5.c', '5.d', '6', '7.a', '7.b', '7.c']);
	});

	it('the agriculture department keeps its old name in leadRaw and leads as Sở Nông nghiệp và Môi trường', () => {
		const t = tasks.find((x) => x.stt === '1.a');
		expect(t?.leadRaw).toBe('Sở Nông nghiệp và Phát triển nông thôn');
		expect(t?.lead).toEqual(['Sở Nông nghiệp và Môi trường']);
		expect(plan.warnings.some((w) => w.message.includes('«Sở Nông nghiệp và Phát triển nông thôn» nay là'))).toBe(true);
	});

	it("Sở Kế hoạch và Đầu tư's duty is led by Sở Tài chính now", () => {
		expect(tasks.find((x) => x.stt === '2')).toMatchObject({ leadRaw: 'Sở Kế hoạch và Đầu tư', lead: ['Sở Tài chính'] });
	});

	it('the cooperative alliance leads its four lettered duties', () => {
		expect(tasks.filter((t) => t.lead.includes('Liên minh Hợp tác xã thành phố')).map((t) => t.stt)).toEqual(['5.a', '5.b', '5.c', '5.d']);
	});

	it('a duty cut by a page break is one whole task', () => {
		expect(tasks.find((x) => x.stt === '1.a')?.title).toMatch(/tham mưu Ủy ban nhân dân thành phố báo cáo kết quả thực hiện/);
	});

	it('an agency written with its duty after a colon gives that duty as the title', () => {
		expect(tasks.find((x) => x.stt === '3')?.title).toMatch(/^Tham mưu Ủy ban nhân dân thành phố bố trí kinh phí hằng năm/);
	});

	it('"Chế độ báo cáo" is not an agency and gives no task', () => {
		expect(tasks.some((t) => t.leadRaw.startsWith('Chế độ'))).toBe(false);
	});

	it('derived duties have no printed deadline: unknown, and said in a warning', () => {
		expect(tasks.every((t) => t.deadline.kind === 'unknown' && t.deadline.due === null)).toBe(true);
		expect(plan.warnings.some((w) => w.message.startsWith('Không có bảng nhiệm vụ: đã suy ra 16 nhiệm vụ'))).toBe(true);
	});
});

describe('Cần Thơ 219: targets a)–h)', () => {
	it('has 8 indicators coded a, b, c, d, đ, e, g, h', () => {
		expect(plan.indicators.map((i) => i.code)).toEqual(['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h']);
	});

	it('c and h state no number', () => {
		const byCode = new Map(plan.indicators.map((i) => [i.code, i]));
		expect(byCode.get('c')?.targets).toEqual([]);
		expect(byCode.get('h')?.targets).toEqual([]);
	});

	it('d has three targets: at least 10%, at least 20%, about 30%', () => {
		const d = plan.indicators.find((i) => i.code === 'd');
		expect(d?.targets).toEqual([
			{ value: 10, max: null, unit: '%', comparator: 'gte' },
			{ value: 20, max: null, unit: '%', comparator: 'gte' },
			{ value: 30, max: null, unit: '%', comparator: 'about' }
		]);
	});

	it('"05-06 mô hình" is a range from 5 to 6', () => {
		expect(plan.indicators.find((i) => i.code === 'b')?.targets).toEqual([{ value: 5, max: 6, unit: 'mô hình', comparator: 'range' }]);
	});
});

describe('Cần Thơ 219: reports', () => {
	it('asks for a 6-monthly report (before 10/6) and a yearly one (before 10/12) to the agriculture department', () => {
		expect(plan.reports).toEqual([
			{ text: 'Báo cáo kết quả định kỳ 06 tháng (trước ngày 10/6)', due: '2024-06-10', recurrence: 'half-year', to: 'Sở Nông nghiệp và Môi trường' },
			{ text: 'Báo cáo năm (trước ngày 10/12)', due: '2023-12-10', recurrence: 'year', to: 'Sở Nông nghiệp và Môi trường' }
		]);
	});

	it('says that the year of a report date was inferred', () => {
		expect(plan.warnings.filter((w) => w.message.startsWith('Hạn báo cáo'))).toHaveLength(2);
	});
});
