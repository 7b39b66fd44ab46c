import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../../src/lib/core/deadline.js';

const due = (raw: string, year = 2026) => parseDeadline(raw, year);

describe('deadlines ("Thời gian hoàn thành")', () => {
	it('Quý I/2026 is due on 31 March 2026', () => {
		expect(due('Quý I/2026')).toEqual({ raw: 'Quý I/2026', kind: 'quarter', due: '2026-03-31' });
	});

	it('Quý II/2026 is due on 30 June 2026', () => {
		expect(due('Quý II/2026').due).toBe('2026-06-30');
	});

	it('Quý III/2026 is due on 30 September 2026', () => {
		expect(due('Quý III/2026')).toMatchObject({ kind: 'quarter', due: '2026-09-30' });
	});

	it('Quý IV/2026 is due on 31 December 2026', () => {
		expect(due('Quý IV/2026').due).toBe('2026-12-31');
	});

	it('"Hằng năm" recurs every year', () => {
		expect(due('Hằng năm').kind).toBe('recurring');
	});

	it('a quarter without a year takes the plan year', () => {
		expect(due('Quý II', 2027).due).toBe('2027-06-30');
	});

	it('"Năm 2026" is due at the end of 2026', () => {
		expect(due('Năm 2026')).toEqual({ raw: 'Năm 2026', kind: 'year', due: '2026-12-31' });
	});

	it('a bare year "2027" is due at the end of that year', () => {
		expect(due('2027')).toEqual({ raw: '2027', kind: 'year', due: '2027-12-31' });
	});

	it('"Cả năm" is due at the end of the plan year', () => {
		expect(due('Cả năm', 2025)).toEqual({ raw: 'Cả năm', kind: 'year', due: '2025-12-31' });
	});

	it('"Nhiệm vụ thường xuyên" is a standing task with no end date', () => {
		expect(due('Nhiệm vụ thường xuyên')).toEqual({ raw: 'Nhiệm vụ thường xuyên', kind: 'recurring', due: null });
	});

	it('anything starting with "Đã" was done when the plan was issued', () => {
		expect(due('Đã thực hiện').kind).toBe('done');
		expect(due('Đã tham mưu UBND thành phố')).toEqual({ raw: 'Đã tham mưu UBND thành phố', kind: 'done', due: null });
	});

	it('"trước ngày 10/12/2026" is due on that date', () => {
		expect(due('trước ngày 10/12/2026')).toEqual({ raw: 'trước ngày 10/12/2026', kind: 'date', due: '2026-12-10' });
	});

	it('a day and month without a year take the plan year', () => {
		expect(due('trước ngày 10/6', 2024).due).toBe('2024-06-10');
	});

	it('"Tháng 6/2026" is due at the end of June 2026', () => {
		expect(due('Tháng 6/2026')).toEqual({ raw: 'Tháng 6/2026', kind: 'date', due: '2026-06-30' });
	});

	it('"Tháng 2/2028" ends on the 29th in a leap year', () => {
		expect(due('Tháng 2/2028').due).toBe('2028-02-29');
	});

	it('"6 tháng đầu năm" is due on 30 June of the plan year', () => {
		expect(due('6 tháng đầu năm')).toEqual({ raw: '6 tháng đầu năm', kind: 'date', due: '2026-06-30' });
	});

	it('a date that does not exist stays raw and unknown', () => {
		expect(due('31/02/2026')).toEqual({ raw: '31/02/2026', kind: 'unknown', due: null });
	});

	it('text that is not understood stays raw, kind unknown, due null', () => {
		expect(due('Theo tiến độ dự án')).toEqual({ raw: 'Theo tiến độ dự án', kind: 'unknown', due: null });
		expect(due('')).toEqual({ raw: '', kind: 'unknown', due: null });
	});

	it('reads the same with decomposed (NFD) input and extra spaces', () => {
		expect(due('  Quý  III/2026 '.normalize('NFD'))).toEqual({ raw: 'Quý III/2026', kind: 'quarter', due: '2026-09-30' });
	});
});
