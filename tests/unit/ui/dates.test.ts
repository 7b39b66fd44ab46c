import { describe, expect, it } from 'vitest';
import {
	daysBetween,
	formatDate,
	formatDateTime,
	isDueThisQuarter,
	isDueWithin,
	isPastDue,
	localDate,
	quarterLabel,
	quarterOf,
	quarterRange,
	todayIso
} from '../../../src/lib/core/dates.js';

describe('dates shown the Vietnamese way', () => {
	it('an ISO date is shown as dd/mm/yyyy: 2026-06-30 → 30/06/2026', () => {
		expect(formatDate('2026-06-30')).toBe('30/06/2026');
	});

	it('a timestamp is shown by its date part as dd/mm/yyyy', () => {
		expect(formatDate('2026-03-05T10:00:00.000Z')).toBe('05/03/2026');
	});

	it('a missing date is shown as nothing', () => {
		expect(formatDate(null)).toBe('');
		expect(formatDate('Quý I')).toBe('');
	});

	it('a timestamp is shown with its time in Vietnam (UTC+7): 17:30 UTC is 00:30 the next day', () => {
		expect(formatDateTime('2026-06-30T17:30:00.000Z')).toBe('01/07/2026 00:30');
	});

	it('the calendar day of an instant is the Vietnamese day', () => {
		expect(localDate('2026-06-30T16:59:00.000Z')).toBe('2026-06-30');
		expect(localDate('2026-06-30T17:00:00.000Z')).toBe('2026-07-01');
	});

	it('today is the Vietnamese date of now', () => {
		expect(todayIso(new Date('2026-12-31T18:00:00.000Z'))).toBe('2027-01-01');
	});
});

describe('quarters', () => {
	it('30 June is in quarter II, 1 July in quarter III', () => {
		expect(quarterOf('2026-06-30')).toEqual({ year: 2026, quarter: 2 });
		expect(quarterOf('2026-07-01')).toEqual({ year: 2026, quarter: 3 });
	});

	it('quarter I of 2026 runs from 01/01 to 31/03', () => {
		expect(quarterRange({ year: 2026, quarter: 1 })).toEqual({ start: '2026-01-01', end: '2026-03-31' });
	});

	it('quarter IV ends on 31 December', () => {
		expect(quarterRange({ year: 2026, quarter: 4 }).end).toBe('2026-12-31');
	});

	it('a task due 30/09 is due this quarter on 01/07 of the same year, not on 30/06', () => {
		expect(isDueThisQuarter('2026-09-30', '2026-07-01')).toBe(true);
		expect(isDueThisQuarter('2026-09-30', '2026-06-30')).toBe(false);
	});

	it('the same quarter of another year is not this quarter', () => {
		expect(isDueThisQuarter('2027-09-30', '2026-08-01')).toBe(false);
	});

	it('a quarter is labelled with Roman numerals as the plans print it', () => {
		expect(quarterLabel({ year: 2026, quarter: 3 })).toBe('III/2026');
	});
});

describe('due dates', () => {
	it('days between two dates count calendar days, across month ends', () => {
		expect(daysBetween('2026-06-30', '2026-07-01')).toBe(1);
		expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
	});

	it('a task is past due the day after its due date, not on it', () => {
		expect(isPastDue('2026-06-30', '2026-06-30')).toBe(false);
		expect(isPastDue('2026-06-30', '2026-07-01')).toBe(true);
	});

	it('a task without a due date is never past due', () => {
		expect(isPastDue(null, '2030-01-01')).toBe(false);
	});

	it('due within 14 days includes today and the 14th day, not the 15th', () => {
		expect(isDueWithin('2026-06-30', '2026-06-30')).toBe(true);
		expect(isDueWithin('2026-06-30', '2026-06-16')).toBe(true);
		expect(isDueWithin('2026-06-30', '2026-06-15')).toBe(false);
	});

	it('an overdue task is not "due within 14 days"', () => {
		expect(isDueWithin('2026-06-30', '2026-07-02')).toBe(false);
	});
});
