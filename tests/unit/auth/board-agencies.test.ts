import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addComment, initBoardDoc, readBoard } from '../../../src/lib/core/board-doc.js';
import { cardsMentioningAgency, replaceAgency, replaceAgencyInCard } from '../../../src/lib/core/board-agencies.js';

const deadline = { raw: 'Quý I/2026', kind: 'quarter' as const, due: '2026-03-31' };

function board() {
	const doc = new Y.Doc();
	initBoardDoc(
		doc,
		{ title: 'B', planId: 'p', appendix: 'Phụ lục' },
		[{ id: 's', code: 'I', title: 'Nhiệm vụ' }],
		[
			{ id: 'c1', code: '1', sectionId: 's', title: 'Một', lead: ['old', 'x'], support: ['y'], deadline },
			{ id: 'c2', code: '2', sectionId: 's', title: 'Hai', lead: ['new'], support: ['old', 'z'], deadline },
			{ id: 'c3', code: '3', sectionId: 's', title: 'Ba', lead: ['old'], support: ['new'], deadline },
			{ id: 'c4', code: '4', sectionId: 's', title: 'Bốn', lead: ['x'], support: [], deadline },
			{ id: 'c5', code: '5', sectionId: 's', title: 'Năm', lead: ['x'], support: [], deadline }
		]
	);
	addComment(doc, 'c5', { body: 'Ý kiến' }, { userId: 'u', agencyId: 'old' });
	return doc;
}

const card = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!;

describe('agency references in a board document', () => {
	it('finds the cards naming an agency in lead, support or a comment', () => {
		expect(cardsMentioningAgency(board(), 'old').sort()).toEqual(['c1', 'c2', 'c3', 'c5']);
	});

	it('replaces the agency in place, keeping the column order', () => {
		const doc = board();
		expect(replaceAgency(doc, 'old', 'new').sort()).toEqual(['c1', 'c2', 'c3', 'c5']);
		expect(card(doc, 'c1').lead).toEqual(['new', 'x']);
		expect(card(doc, 'c1').support).toEqual(['y']);
		expect(card(doc, 'c5').comments[0].agencyId).toBe('new');
		expect(card(doc, 'c4')).toMatchObject({ lead: ['x'], support: [] });
	});

	it('never lists the agency twice, and an agency that leads a card does not also support it', () => {
		const doc = board();
		replaceAgency(doc, 'old', 'new');
		// c2: "new" already leads; "old" in support disappears instead of becoming a second "new".
		expect(card(doc, 'c2')).toMatchObject({ lead: ['new'], support: ['z'] });
		// c3: "old" leads and "new" supported; "new" now leads and leaves the support column.
		expect(card(doc, 'c3')).toMatchObject({ lead: ['new'], support: [] });
	});

	it('is one change per card, and nothing when the card does not mention the agency', () => {
		const doc = board();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(replaceAgencyInCard(doc, 'c4', 'old', 'new')).toBe(false);
		expect(updates).toBe(0);
		expect(replaceAgencyInCard(doc, 'c1', 'old', 'new')).toBe(true);
		expect(updates).toBe(1);
		expect(replaceAgencyInCard(doc, 'c1', 'new', 'new')).toBe(false);
	});
});
