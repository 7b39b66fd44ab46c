import { describe, expect, it } from 'vitest';
import { mergeActivity } from '../../../server/boards/activity-history.js';

let nextId = 1000;
/** A stored row; `sec` seconds after 09:00. Rows are given oldest first here and reversed (newest first) as the API reads them. */
const row = (sec: number, field: string, userId = 'u1', cardId = 'c1', detail: string | null = null) => ({
	id: nextId--,
	cardId,
	field,
	detail,
	userId,
	at: new Date(Date.UTC(2026, 2, 2, 2, 0, sec)).toISOString()
});
const newestFirst = <T>(rows: T[]) => [...rows].reverse();

describe('history people can read', () => {
	it('200 keystrokes into the result, one every 0.3 s, are one entry with 200 edits', () => {
		const rows = Array.from({ length: 200 }, (_, i) => row(Math.floor(i * 0.3), 'result'));
		const merged = mergeActivity(newestFirst(rows));
		expect(merged).toHaveLength(1);
		expect(merged[0]).toMatchObject({ field: 'result', edits: 200, since: rows[0].at, at: rows[199].at });
	});

	it('a status change between two bursts of typing stays visible: three entries', () => {
		const rows = [row(0, 'result'), row(5, 'result'), row(10, 'status', 'u1', 'c1', 'doing'), row(15, 'result'), row(20, 'result')];
		expect(mergeActivity(newestFirst(rows)).map((e) => [e.field, e.edits])).toEqual([
			['result', 2],
			['status', 1],
			['result', 2]
		]);
	});

	it('edits by two people, or more than five minutes apart, are separate entries', () => {
		const rows = [row(0, 'result', 'u1'), row(10, 'result', 'u2'), row(20, 'result', 'u2'), row(20 + 301, 'result', 'u2')];
		expect(mergeActivity(newestFirst(rows)).map((e) => [e.userId, e.edits])).toEqual([
			['u2', 1],
			['u2', 2],
			['u1', 1]
		]);
	});

	it('progress and deadline changes are never merged, even back to back', () => {
		const rows = [
			row(0, 'progress', 'u1', 'c1', '10'),
			row(1, 'progress', 'u1', 'c1', '20'),
			row(2, 'deadline', 'u1', 'c1', 'Quý III/2026'),
			row(3, 'deadline', 'u1', 'c1', 'Quý IV/2026')
		];
		expect(mergeActivity(newestFirst(rows))).toHaveLength(4);
	});

	it('typing on another card in between does not split a card’s burst', () => {
		const rows = [row(0, 'title'), row(1, 'result', 'u9', 'c2'), row(2, 'title')];
		expect(mergeActivity(newestFirst(rows)).map((e) => [e.cardId, e.field, e.edits])).toEqual([
			['c1', 'title', 2],
			['c2', 'result', 1]
		]);
	});
});
