import { describe, expect, it } from 'vitest';
import { assignmentsAppendix, allTasks, parseSeed, SEED_PLANS, section, task, tasksAppendix } from './seed-plans.js';

// 000: Cần Thơ, 2026 activity plan of the Steering Committee: two tab-separated appendices.
const plan = parseSeed(SEED_PLANS.canTho2026);

describe('Cần Thơ 2026 plan (KH-BCĐ): header', () => {
	it('is a Kế hoạch for 2026 from Cần Thơ whose number and day are left blank', () => {
		expect(plan.plan).toMatchObject({ docType: 'Kế hoạch', number: null, place: 'Cần Thơ', date: null, year: 2026 });
		expect(plan.plan.title).toBe('Hoạt động năm 2026 của Ban Chỉ đạo phát triển kinh tế tập thể thành phố Cần Thơ');
		expect(plan.plan.issuer).toBe('Ban Chỉ đạo phát triển kinh tế tập thể thành phố Cần Thơ');
	});

	it('warns that the number and the day are blank', () => {
		expect(plan.warnings).toContainEqual(
			expect.objectContaining({ line: 3, code: 'plan_no_number', message: expect.stringContaining('chưa ghi số') })
		);
		expect(plan.warnings).toContainEqual(
			expect.objectContaining({ line: 5, code: 'plan_no_date', message: expect.stringContaining('Ngày ban hành để trống') })
		);
	});
});

describe('Cần Thơ 2026 plan: Phụ lục I (tasks)', () => {
	it('has sections I, II and III of 7, 14 and 3 tasks', () => {
		const tasks = tasksAppendix(plan);
		expect(tasks.derived).toBe(false);
		expect(tasks.title).toMatch(/^Phụ lục I: KẾ HOẠCH HOẠT ĐỘNG NĂM 2026/);
		expect(tasks.sections.map((s) => [s.code, s.tasks.length])).toEqual([
			['I', 7],
			['II', 14],
			['III', 3]
		]);
		expect(section(plan, 'I').title).toBe('Công tác triển khai chỉ đạo');
	});

	it('skips the header row repeated at page breaks', () => {
		expect(allTasks(plan).some((t) => t.title === 'Nhiệm vụ, Đề án' || t.stt === 'STT')).toBe(false);
	});

	it('II.12, split over a page break, has its whole title', () => {
		const t = task(plan, 'II', '12');
		expect(t.title).toMatch(/^Tổng kết Nghị định số 77\/2019\/NĐ-CP/);
		expect(t.title).toMatch(/Nghị định số 113\/2024\/NĐ-CP ngày 12\/9\/2024 của Chính phủ quy định chi tiết một số điều của Luật Hợp tác xã$/);
		expect(plan.warnings).toContainEqual(expect.objectContaining({ line: 194, code: 'plan_task_row_joined', params: { task: 'II.12' } }));
	});

	it('II.13, printed without its number, is present and flagged', () => {
		const t = task(plan, 'II', '13');
		expect(t.title).toMatch(/^Triển khai Quyết định số 555\/QĐ-UBND/);
		expect(t.lead).toEqual(['Sở Khoa học và Công nghệ']);
		expect(t.deadline.kind).toBe('recurring');
		expect(plan.warnings).toContainEqual(expect.objectContaining({ line: 195, code: 'plan_task_number_inferred', params: { task: 'II.13' } }));
	});

	it('II.5 is led by the single agency "Sở Văn hóa, Thể thao và Du lịch"', () => {
		expect(task(plan, 'II', '5').lead).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
	});

	it('III.3 has two lead agencies', () => {
		const t = task(plan, 'III', '3');
		expect(t.lead).toEqual(['Sở Tài chính', 'Liên minh Hợp tác xã thành phố']);
		expect(t.leadRaw).toBe('Sở Tài chính, Liên minh Hợp tác xã thành phố');
	});

	it('I.1 "Đã thực hiện" is done; I.5 "Quý II/2026" is due 2026-06-30; II.2 is recurring', () => {
		expect(task(plan, 'I', '1').deadline).toEqual({ raw: 'Đã thực hiện', kind: 'done', due: null });
		expect(task(plan, 'I', '5').deadline).toEqual({ raw: 'Quý II/2026', kind: 'quarter', due: '2026-06-30' });
		expect(task(plan, 'II', '2').deadline).toEqual({ raw: 'Nhiệm vụ thường xuyên', kind: 'recurring', due: null });
	});

	it('I.1 is supported by Sở Nội vụ plus the collective of departments and localities', () => {
		const t = task(plan, 'I', '1');
		expect(t.support).toEqual(['Sở Nội vụ', 'Các sở, ngành, địa phương']);
		expect(t.supportRaw).toBe('Sở Nội vụ và các sở, ngành, địa phương');
	});

	it('"Các sở ngành, địa phương" is the same collective as "Các sở, ngành, địa phương"', () => {
		expect(task(plan, 'II', '8').supportRaw).toBe('Các sở ngành, địa phương');
		expect(task(plan, 'II', '8').support).toEqual(['Các sở, ngành, địa phương']);
	});

	it('has no output column, so outputs are null', () => {
		expect(allTasks(plan).every((t) => t.output === null)).toBe(true);
	});
});

describe('Cần Thơ 2026 plan: Phụ lục II (members and areas)', () => {
	const members = assignmentsAppendix(plan).members;

	it('has 17 members following 103 communes and wards in all', () => {
		expect(members).toHaveLength(17);
		expect(members.reduce((n, m) => n + m.areas.length, 0)).toBe(103);
	});

	it('member 14 follows 7 areas', () => {
		const m14 = members.find((m) => m.stt === '14');
		expect(m14?.name).toBe('Ông Nguyễn Hữu Nghĩa');
		expect(m14?.areas).toEqual(['Hiệp Hưng', 'Phụng Hiệp', 'Thạnh Hòa', 'Hòa Tú', 'Gia Hòa', 'Nhu Gia', 'Ngọc Tố']);
	});

	it('keeps the position as printed', () => {
		expect(members[0]).toMatchObject({ stt: '1', name: 'Ông Ngô Thái Chân', position: 'Giám đốc Sở Nông nghiệp và Môi trường, Phó Trưởng ban' });
	});
});

describe('Cần Thơ 2026 plan: no targets or report dates', () => {
	it('has no indicators and no dated reports', () => {
		expect(plan.indicators).toEqual([]);
		expect(plan.reports).toEqual([]);
	});
});
