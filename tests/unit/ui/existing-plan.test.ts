import { describe, expect, it } from 'vitest';
import { existingBoardsOf, type ExistingBoard } from '../../../src/routes/import/existing-plan.js';

const board = (over: Partial<ExistingBoard>): ExistingBoard => ({
	id: 'b1',
	title: 'Phụ lục I',
	planId: 'p1',
	planTitle: 'Kế hoạch hoạt động năm 2026 của Ban Chỉ đạo',
	planNumber: '219/KH-UBND',
	planDate: '2023-10-23',
	...over
});

describe('a plan imported again', () => {
	it('is found by its number in the same year, whatever the spacing and case', () => {
		expect(existingBoardsOf({ number: '219/kh-ubnd ', title: 'x', date: '2023-10-23' }, [board({})]).map((b) => b.id)).toEqual(['b1']);
	});

	it('the same number in another year is another plan', () => {
		expect(existingBoardsOf({ number: '219/KH-UBND', title: 'x', date: '2024-10-23' }, [board({})])).toEqual([]);
	});

	it('a plan without a number is found by its title, tone marks placed either way', () => {
		const existing = board({ planNumber: null, planTitle: 'Kế hoạch phát triển kinh tế tập thể, Hòa Bình' });
		expect(existingBoardsOf({ number: null, title: 'kế hoạch phát triển kinh tế tập thể,  Hoà Bình', date: null }, [existing])).toHaveLength(1);
	});

	it('a different title is not a duplicate', () => {
		expect(existingBoardsOf({ number: null, title: 'Kế hoạch khác', date: null }, [board({ planNumber: null })])).toEqual([]);
	});
});
