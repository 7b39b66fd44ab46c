import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoardDoc, readBoard } from '../../../src/lib/core/board-doc.js';
import { addStep, appendSection, moveStep, nextCodeInSection, setAgencies, setHandler } from '../../../src/lib/core/board-editing.js';

function board() {
	const doc = new Y.Doc();
	initBoardDoc(
		doc,
		{ title: 'B', planId: 'p', appendix: 'Phụ lục I' },
		[{ id: 's1', code: 'II', title: 'Phần hai' }],
		[
			{ id: 'c1', code: 'II.3', sectionId: 's1', title: 'Ba', lead: ['a'], support: [], deadline: { raw: '', kind: 'unknown', due: null } },
			{ id: 'c2', code: 'II.10', sectionId: 's1', title: 'Mười', lead: ['a'], support: [], deadline: { raw: '', kind: 'unknown', due: null } }
		]
	);
	return doc;
}
const actor = { userId: 'u1' };

describe('board editing accessors', () => {
	it('the code proposed after II.3 and II.10 is II.11; an empty section "III" proposes III.1', () => {
		const doc = board();
		expect(nextCodeInSection(doc, 's1')).toBe('II.11');
		const s2 = appendSection(doc, { code: 'III', title: 'Phần ba' });
		expect(nextCodeInSection(doc, s2)).toBe('III.1');
	});

	it('a step moved to the top keeps its tick', () => {
		const doc = board();
		addStep(doc, 'c1', { id: 'x', text: 'Một' }, actor);
		addStep(doc, 'c1', { id: 'y', text: 'Hai' }, actor);
		moveStep(doc, 'c1', 'y', 0, actor);
		expect(
			readBoard(doc)
				.cards.find((c) => c.id === 'c1')!
				.checklist.map((s) => s.id)
		).toEqual(['y', 'x']);
	});

	it('an agency that leads is not also listed as supporting; dropHandler clears the handler', () => {
		const doc = board();
		setHandler(doc, 'c1', 'u-a', actor);
		setAgencies(doc, 'c1', { lead: ['b'], support: ['b', 'c'] }, actor, { dropHandler: true });
		expect(readBoard(doc).cards.find((c) => c.id === 'c1')).toMatchObject({ lead: ['b'], support: ['c'], handler: null });
	});
});
