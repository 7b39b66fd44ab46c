import { describe, expect, it } from 'vitest';
import { allTasks, parseSeed, SEED_PLANS, task, tasksAppendix } from './seed-plans.js';

// 001: Đồng Nai, a decision with its 2026 plan, exported as Markdown-ish text.
const plan = parseSeed(SEED_PLANS.dongNai2026);

describe('Đồng Nai 2026 plan (Markdown-ish export)', () => {
	it('is a Quyết định for 2026, its title read through the bold markers', () => {
		expect(plan.plan).toMatchObject({ docType: 'Quyết định', number: null, place: 'Đồng Nai', year: 2026 });
		expect(plan.plan.title).toBe('Ban hành Kế hoạch hoạt động năm 2026 của Ban Chỉ đạo về kinh tế tập thể');
	});

	it('has one tasks appendix with sections I–V of 6, 13, 16, 3 and 9 tasks', () => {
		expect(plan.appendices).toHaveLength(1);
		const tasks = tasksAppendix(plan);
		expect(tasks.sections.map((s) => [s.code, s.tasks.length])).toEqual([
			['I', 6],
			['II', 13],
			['III', 16],
			['IV', 3],
			['V', 9]
		]);
	});

	it('strips <b> tags from section rows', () => {
		expect(tasksAppendix(plan).sections[0].title).toBe('Tuyên truyền, phổ biến nâng cao nhận thức');
	});

	it('"Cả năm" is due at the end of the plan year, 2026-12-31', () => {
		expect(task(plan, 'I', '1').deadline).toEqual({ raw: 'Cả năm', kind: 'year', due: '2026-12-31' });
	});

	it('"Hội nông dân thành phố" and "Hội Nông dân thành phố" are one agency', () => {
		expect(task(plan, 'V', '6').leadRaw).toBe('Hội nông dân thành phố');
		expect(task(plan, 'V', '6').lead).toEqual(['Hội Nông dân thành phố']);
	});

	it('"NHNN Việt Nam Chi nhánh KV2" leads as the State Bank regional branch', () => {
		expect(task(plan, 'II', '8').lead).toEqual(['Ngân hàng Nhà nước – Chi nhánh Khu vực 2']);
	});

	it('"Ủy ban Mặt trận … và các tổ chức thành viên" is the Front plus its member organisations', () => {
		expect(task(plan, 'I', '6').lead).toEqual(['Ủy ban Mặt trận Tổ quốc Việt Nam thành phố', 'Các tổ chức thành viên']);
	});

	it('every task has a lead agency and an understood deadline', () => {
		for (const t of allTasks(plan)) {
			expect(t.lead.length).toBeGreaterThan(0);
			expect(t.deadline.kind).not.toBe('unknown');
		}
	});
});
