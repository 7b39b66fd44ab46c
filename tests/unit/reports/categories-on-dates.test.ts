import { describe, expect, it } from 'vitest';
import { summarizeDoc } from '../../../server/snapshots/summarize.js';
import { figuresByAgency } from '../../../server/reports/dashboard.js';
import { context, fixtureDoc, AG } from './fixture-board.js';

const on = (asOf: string) => summarizeDoc(fixtureDoc().doc, context, asOf);
const categoryOf = (asOf: string, id: string) => on(asOf).cards.find((c) => c.id === id)!.category;

describe('task-tracking categories on fixed dates', () => {
	it('a task due 30/06 and done on 01/07 (Vietnam time) is "done late"', () => {
		expect(categoryOf('2026-07-15', 'c2')).toBe('doneLate');
	});

	it('a task due 30/06 and done on 29/06 is "done on time"', () => {
		expect(categoryOf('2026-07-15', 'c1')).toBe('doneOnTime');
	});

	it('an open task is "not yet due" on its due day and "overdue" the day after', () => {
		expect(categoryOf('2026-09-30', 'c3')).toBe('openNotDue');
		expect(categoryOf('2026-10-01', 'c3')).toBe('openOverdue');
	});

	it('a standing task without a due date is never overdue', () => {
		expect(categoryOf('2030-01-01', 'c6')).toBe('openNotDue');
	});

	it('counts on 01/10/2026: 1 on time, 1 late, 2 not yet due, 2 overdue', () => {
		expect(on('2026-10-01').counts).toEqual({ doneOnTime: 1, doneLate: 1, openNotDue: 2, openOverdue: 2 });
	});

	it('counts on 15/05/2026: only the Quý I task is overdue', () => {
		expect(on('2026-05-15').counts).toEqual({ doneOnTime: 1, doneLate: 1, openNotDue: 3, openOverdue: 1 });
	});

	it('per lead agency, a task led by two agencies counts for each', () => {
		const by = figuresByAgency(on('2026-10-01'));
		const stc = by.find((a) => a.agencyId === AG.stc)!;
		expect(stc.counts).toEqual({ doneOnTime: 1, doneLate: 0, openNotDue: 1, openOverdue: 1 });
		const snn = by.find((a) => a.agencyId === AG.snn)!;
		expect(snn.counts).toEqual({ doneOnTime: 0, doneLate: 1, openNotDue: 0, openOverdue: 1 });
		expect(by.reduce((n, a) => n + a.total, 0)).toBe(7);
	});

	it('the summary lists cards in plan order, "I.10" after "I.2", with the printed row number', () => {
		const s = on('2026-10-01');
		expect(s.cards.map((c) => c.code)).toEqual(['I.1', 'I.2', 'I.10', 'II.1', 'II.2', 'II.3']);
		expect(s.cards[2].stt).toBe('10');
	});
});
