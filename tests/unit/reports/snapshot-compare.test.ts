import { describe, expect, it } from 'vitest';
import { setResult, setStatus } from '../../../src/lib/core/board-doc.js';
import { summarizeDoc } from '../../../server/snapshots/summarize.js';
import { compareSummaries } from '../../../src/lib/review/snapshot-compare.js';
import { context, fixtureDoc } from './fixture-board.js';

describe('comparing two snapshots', () => {
	const { doc } = fixtureDoc();
	const q2 = summarizeDoc(doc, context, '2026-06-30', '2026-06-30T10:00:00Z');
	const actor = { userId: 'u', now: new Date('2026-08-01T03:00:00Z') };
	setStatus(doc, 'c4', 'done', actor);
	setStatus(doc, 'c3', 'doing', actor);
	setResult(doc, 'c1', 'Đã ban hành Kế hoạch kiểm tra số 45/KH-BCĐ. Đã kiểm tra 12 HTX.', actor);
	setResult(doc, 'c3', 'Đã tổ chức hội nghị ngày 20/7.', actor);
	const q3 = summarizeDoc(doc, context, '2026-10-01', '2026-10-01T10:00:00Z');
	const diff = compareSummaries(q2, q3);

	it('lists the tasks whose status changed, from and to', () => {
		expect(diff.statusChanged.map((c) => [c.code, c.from, c.to])).toEqual([
			['I.10', 'todo', 'doing'],
			['II.1', 'todo', 'done']
		]);
	});

	it('lists the tasks that became overdue between the two', () => {
		expect(diff.becameOverdue.map((c) => c.code)).toEqual(['I.10']);
	});

	it('lists the tasks completed between the two, late ones marked as such', () => {
		expect(diff.completed.map((c) => [c.code, c.from, c.to])).toEqual([['II.1', 'openOverdue', 'doneLate']]);
	});

	it('shows only the added part of an extended result, and a new result whole', () => {
		expect(diff.resultsAdded.map((r) => [r.code, r.added])).toEqual([
			['I.1', 'Đã kiểm tra 12 HTX.'],
			['I.10', 'Đã tổ chức hội nghị ngày 20/7.']
		]);
	});

	it('carries both sets of counts', () => {
		expect(diff.from.counts.openOverdue).toBe(1);
		expect(diff.to.counts).toEqual({ doneOnTime: 1, doneLate: 2, openNotDue: 2, openOverdue: 1 });
	});
});
