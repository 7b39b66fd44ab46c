import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, initBoardDoc, moveCard, resultText, setStatus } from '../../../src/lib/core/board-doc.js';
import { BoardMirror } from '../../../src/lib/client/board-mirror.js';

const actor = { userId: 'u1', agencyId: 'a1' };
const deadline = { raw: 'Quý II/2026', kind: 'quarter' as const, due: '2026-06-30' };

function board(n = 3) {
	const doc = new Y.Doc();
	const { cardIds, sectionIds } = initBoardDoc(
		doc,
		{ title: 'Kế hoạch', planId: 'p1', appendix: 'Phụ lục I' },
		[{ code: 'I', title: 'Chỉ đạo' }],
		Array.from({ length: n }, (_, i) => ({
			code: `I.${i + 1}`,
			sectionId: '',
			title: `Nhiệm vụ số ${i + 1}`,
			lead: ['a1'],
			support: ['a2'],
			deadline
		}))
	);
	return { doc, cardIds, sectionIds };
}

/** A mirror that flushes only when asked, so a test sees each batch. */
function mirrorOf(doc: Y.Doc, agencyName?: (id: string) => string | undefined) {
	return new BoardMirror(doc, { schedule: () => {}, agencyName });
}

describe('the board mirror (plain cards for rendering, from the Y.Doc)', () => {
	it('reads every card, the sections and the meta of the document', () => {
		const { doc } = board(3);
		const m = mirrorOf(doc);
		expect(m.current.cards).toHaveLength(3);
		expect(m.current.sections.map((s) => s.code)).toEqual(['I']);
		expect(m.current.meta.appendix).toBe('Phụ lục I');
	});

	it('rebuilds only the card that changed: the others keep their object', () => {
		const { doc, cardIds } = board(3);
		const m = mirrorOf(doc);
		const before = new Map(m.current.cards.map((c) => [c.id, c]));
		setStatus(doc, cardIds[1], 'doing', actor);
		const after = new Map(m.flush().cards.map((c) => [c.id, c]));
		expect(after.get(cardIds[1])).not.toBe(before.get(cardIds[1]));
		expect(after.get(cardIds[1])?.status).toBe('doing');
		expect(after.get(cardIds[0])).toBe(before.get(cardIds[0]));
		expect(after.get(cardIds[2])).toBe(before.get(cardIds[2]));
	});

	it('a keystroke in one card’s result (a nested Y.Text) rebuilds that card only', () => {
		const { doc, cardIds } = board(3);
		const m = mirrorOf(doc);
		const before = m.current.cards;
		resultText(doc, cardIds[2]).insert(0, 'Đã ban hành');
		const after = m.flush().cards;
		expect(after.find((c) => c.id === cardIds[2])?.result).toBe('Đã ban hành');
		expect(after.filter((c, i) => c === before[i])).toHaveLength(2);
	});

	it('keeps the same sections and meta objects when only cards change', () => {
		const { doc, cardIds } = board(2);
		const m = mirrorOf(doc);
		const { sections, meta } = m.current;
		moveCard(doc, cardIds[0], { status: 'done', index: 0 }, actor);
		const next = m.flush();
		expect(next.sections).toBe(sections);
		expect(next.meta).toBe(meta);
	});

	it('counts comments that are not deleted, and makes them searchable without diacritics', () => {
		const { doc, cardIds } = board(1);
		const m = mirrorOf(doc);
		addComment(doc, cardIds[0], { body: 'Đề nghị bổ sung số liệu quý II' }, actor);
		const card = m.flush().cards[0];
		expect(card.commentCount).toBe(1);
		expect(card.searchText).toContain('de nghi bo sung so lieu');
	});

	it('includes agency names in the search text once they are known', () => {
		const { doc } = board(1);
		const m = mirrorOf(doc);
		expect(m.current.cards[0].searchText).not.toContain('so tai chinh');
		m.setAgencyName((id) => (id === 'a1' ? 'Sở Tài chính' : undefined));
		expect(m.flush().cards[0].searchText).toContain('so tai chinh');
	});

	it('batches a burst of changes into one notification', async () => {
		const { doc, cardIds } = board(3);
		const m = new BoardMirror(doc);
		let notified = 0;
		m.subscribe(() => notified++);
		for (const id of cardIds) setStatus(doc, id, 'blocked', actor);
		await Promise.resolve();
		expect(notified).toBe(1);
		expect(m.current.cards.every((c) => c.status === 'blocked')).toBe(true);
	});

	it('sees cards added and removed by a remote update', () => {
		const { doc } = board(2);
		const remote = new Y.Doc();
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
		const m = mirrorOf(doc);
		const cards = remote.getMap('cards');
		const firstKey = [...cards.keys()][0];
		cards.delete(firstKey);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
		expect(m.flush().cards.map((c) => c.id)).not.toContain(firstKey);
	});

	it('card objects are frozen, so a component cannot change the mirror by accident', () => {
		const { doc } = board(1);
		expect(Object.isFrozen(mirrorOf(doc).current.cards[0])).toBe(true);
	});
});
