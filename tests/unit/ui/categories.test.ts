import { describe, expect, it } from 'vitest';
import { countCategories, deadlineCategory, urgency, type CategoryInput } from '../../../src/lib/core/categories.js';

const card = (due: string | null, status: CategoryInput['status'], completedAt: string | null = null): CategoryInput => ({
	deadline: { due },
	status,
	completedAt
});

describe('deadline categories (hoàn thành đúng hạn / quá hạn, chưa hoàn thành trong hạn / quá hạn)', () => {
	it('a task due 30/06 done on 30/06 is done on time', () => {
		expect(deadlineCategory(card('2026-06-30', 'done', '2026-06-30T09:00:00.000Z'), '2026-08-01')).toBe('doneOnTime');
	});

	it('a task due 30/06 done on 01/07 is done late', () => {
		expect(deadlineCategory(card('2026-06-30', 'done', '2026-07-01T02:00:00.000Z'), '2026-08-01')).toBe('doneLate');
	});

	it('completion is dated in Vietnam: 30/06 at 23:30 in Hà Nội (16:30 UTC) is on time', () => {
		expect(deadlineCategory(card('2026-06-30', 'done', '2026-06-30T16:30:00.000Z'), '2026-08-01')).toBe('doneOnTime');
	});

	it('completion at 00:30 on 01/07 in Hà Nội (17:30 UTC on 30/06) is late', () => {
		expect(deadlineCategory(card('2026-06-30', 'done', '2026-06-30T17:30:00.000Z'), '2026-08-01')).toBe('doneLate');
	});

	it('an open task is not yet due on its due date', () => {
		expect(deadlineCategory(card('2026-06-30', 'doing'), '2026-06-30')).toBe('openNotDue');
	});

	it('an open task is overdue the day after its due date', () => {
		expect(deadlineCategory(card('2026-06-30', 'blocked'), '2026-07-01')).toBe('openOverdue');
	});

	it('an open standing task (no due date) is never overdue', () => {
		expect(deadlineCategory(card(null, 'todo'), '2030-01-01')).toBe('openNotDue');
	});

	it('a task done before the plan was issued (no completion time) is done on time', () => {
		expect(deadlineCategory(card('2026-03-31', 'done', null), '2026-08-01')).toBe('doneOnTime');
	});

	it('counts add up per category', () => {
		const counts = countCategories(
			[card('2026-06-30', 'done', '2026-07-05T03:00:00Z'), card('2026-06-30', 'todo'), card('2026-12-31', 'doing')],
			'2026-07-10'
		);
		expect(counts).toEqual({ doneOnTime: 0, doneLate: 1, openNotDue: 1, openOverdue: 1 });
	});
});

describe('urgency shown on a card', () => {
	it('an open card due within 14 days is "soon"', () => {
		expect(urgency(card('2026-06-30', 'todo'), '2026-06-20')).toBe('soon');
	});

	it('an open card past its due date is "overdue"', () => {
		expect(urgency(card('2026-06-30', 'doing'), '2026-07-01')).toBe('overdue');
	});

	it('a done card is never urgent, even past its due date', () => {
		expect(urgency(card('2026-06-30', 'done', '2026-07-05T03:00:00Z'), '2026-07-10')).toBe('none');
	});

	it('an open card due in more than 14 days is not urgent', () => {
		expect(urgency(card('2026-12-31', 'todo'), '2026-06-20')).toBe('none');
	});
});
