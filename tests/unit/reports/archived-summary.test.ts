import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoardDoc } from '../../../src/lib/core/board-doc.js';
import { archiveCard, restoreCard, setDeadline } from '../../../src/lib/core/board-editing.js';
import { summarizeDoc, type SummaryContext } from '../../../server/snapshots/summarize.js';

const context: SummaryContext = {
	boardId: 'b1',
	title: 'Bảng',
	appendix: 'Phụ lục I',
	plan: { id: 'p1', number: null, docType: null, title: 'Kế hoạch', issuer: null, place: null, date: null, year: 2026 } as SummaryContext['plan'],
	agencies: {},
	indicators: []
};

function board() {
	const doc = new Y.Doc();
	initBoardDoc(
		doc,
		{ title: 'B', planId: 'p1', appendix: 'Phụ lục I' },
		[{ id: 's1', code: 'I', title: 'Phần' }],
		[
			{
				id: 'c1',
				code: 'I.1',
				sectionId: 's1',
				title: 'Quá hạn',
				lead: ['a'],
				support: [],
				deadline: { raw: 'Quý I/2026', kind: 'quarter', due: '2026-03-31' }
			},
			{
				id: 'c2',
				code: 'I.2',
				sectionId: 's1',
				title: 'Trong hạn',
				lead: ['a'],
				support: [],
				deadline: { raw: 'Quý IV/2026', kind: 'quarter', due: '2026-12-31' }
			}
		]
	);
	return doc;
}

const actor = { userId: 'u-admin' };

describe('archived tasks and changed deadlines in the summary', () => {
	it('an archived task leaves the cards and the four categories; restored, it is back', () => {
		const doc = board();
		expect(summarizeDoc(doc, context, '2026-07-01').counts).toEqual({ doneOnTime: 0, doneLate: 0, openNotDue: 1, openOverdue: 1 });
		archiveCard(doc, 'c1', 'Theo Công văn 45/BCĐ', actor);
		const s = summarizeDoc(doc, context, '2026-07-01');
		expect(s.cards.map((c) => c.id)).toEqual(['c2']);
		expect(s.counts).toEqual({ doneOnTime: 0, doneLate: 0, openNotDue: 1, openOverdue: 0 });
		restoreCard(doc, 'c1', actor);
		expect(summarizeDoc(doc, context, '2026-07-01').counts.openOverdue).toBe(1);
	});

	it('a summary taken before the archive keeps the task (a snapshot is frozen)', () => {
		const doc = board();
		const before = JSON.parse(JSON.stringify(summarizeDoc(doc, context, '2026-07-01')));
		archiveCard(doc, 'c1', 'Lý do', actor);
		expect(before.cards).toHaveLength(2);
	});

	it('a deadline moved from Quý I to Quý III/2026 takes an open task from overdue to not yet due on 1 July 2026', () => {
		const doc = board();
		setDeadline(doc, 'c1', { raw: 'Quý III/2026', kind: 'quarter', due: '2026-09-30' }, actor);
		expect(summarizeDoc(doc, context, '2026-07-01').counts).toEqual({ doneOnTime: 0, doneLate: 0, openNotDue: 2, openOverdue: 0 });
	});
});
