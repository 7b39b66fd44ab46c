/**
 * The write path's rules for labels (schema version 3), through the real guard: managers keep the
 * board's label set (add, rename, colour from the palette, remove); managers and a card's lead agency
 * set labels on the card; a supporting agency does not, and nobody sets a label the board lacks.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CARD, cardsMap, initBoardDoc, labelsMap, readBoard } from '../../../src/lib/core/board-doc.js';
import { createLabel, removeLabel, renameLabel, setCardLabel, setLabelColor } from '../../../src/lib/core/board-editing.js';
import { LIMITS } from '../../../src/lib/core/board-schema.js';
import { checkUpdate as checkStructure, type GuardContext, type Verdict } from '../../../server/sync/document-guard.js';
import { analyzeUpdate, RefusedUpdate } from '../../../server/sync/update-structure.js';
import type { Role } from '../../../src/lib/core/permissions.js';

const LEAD = 'ag-lead';
const SUPPORT = 'ag-support';
const USERS = new Map<string, string | null>([
	['u-lead', LEAD],
	['u-support', SUPPORT],
	['u-admin', 'ag-office']
]);

function board() {
	const server = new Y.Doc();
	initBoardDoc(
		server,
		{ title: 'B', planId: 'p', appendix: 'Phụ lục I' },
		[{ id: 's1', code: 'I', title: 'Phần một' }],
		[
			{
				id: 'c1',
				code: 'I.1',
				sectionId: 's1',
				title: 'Việc một',
				lead: [LEAD],
				support: [SUPPORT],
				deadline: { raw: '', kind: 'unknown', due: null }
			},
			{ id: 'c2', code: 'I.2', sectionId: 's1', title: 'Việc hai', lead: [LEAD], support: [], deadline: { raw: '', kind: 'unknown', due: null } }
		]
	);
	// c2 as a document before schema version 3 wrote it.
	cardsMap(server).get('c2')!.delete(CARD.labels);
	return server;
}

function ctx(role: Role, id: string): GuardContext {
	return {
		subject: { id, role, agencyId: USERS.get(id) ?? null },
		isCollective: () => false,
		agencyExists: (a) => a.startsWith('ag-'),
		userAgency: (u) => (USERS.has(u) ? USERS.get(u)! : undefined)
	};
}

const facilitator = ctx('facilitator', 'u-admin');
const lead = ctx('editor', 'u-lead');
const support = ctx('editor', 'u-support');

function check(server: Y.Doc, c: GuardContext, change: (doc: Y.Doc) => void): Verdict {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	const update = Y.encodeStateAsUpdate(client, before);
	try {
		const verdict = checkStructure(server, c, analyzeUpdate(server, update, { userId: c.subject.id, owners: new Map(), ownedCount: 0 }));
		if (verdict.ok) Y.applyUpdate(server, update);
		return verdict;
	} catch (err) {
		if (err instanceof RefusedUpdate) return { ok: false, refusal: { code: 'update_invalid', params: { rule: err.code } } };
		throw err;
	}
}

const as = (id: string) => ({ userId: id });
const labelsOf = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!.labels;

describe("the board's label set", () => {
	it('managers add, rename, recolour and remove labels; the activity names the board', () => {
		const doc = board();
		const v = check(doc, facilitator, (d) => createLabel(d, { id: 'lb1', name: 'Ưu tiên', color: 'red' }));
		expect(v).toEqual({ ok: true, activity: [{ cardId: null, field: 'labels', detail: 'lb1' }] });
		expect(check(doc, facilitator, (d) => createLabel(d, { id: 'lb2', name: 'Cần kinh phí', color: 'orange' }))).toMatchObject({ ok: true });
		expect(check(doc, facilitator, (d) => renameLabel(d, 'lb1', 'Ưu tiên cao'))).toMatchObject({ ok: true });
		expect(check(doc, facilitator, (d) => setLabelColor(d, 'lb1', 'purple'))).toMatchObject({ ok: true });
		expect(readBoard(doc).labels).toEqual([
			{ id: 'lb2', name: 'Cần kinh phí', color: 'orange' },
			{ id: 'lb1', name: 'Ưu tiên cao', color: 'purple' }
		]);
		expect(check(doc, facilitator, (d) => setCardLabel(d, 'c1', 'lb2', true, as('u-admin')))).toMatchObject({ ok: true });
		// Removing a label takes it off the cards too.
		expect(check(doc, facilitator, (d) => removeLabel(d, 'lb2'))).toMatchObject({ ok: true });
		expect(readBoard(doc).labels.map((l) => l.id)).toEqual(['lb1']);
		expect(labelsOf(doc, 'c1')).toEqual([]);
	});

	it('editors change nothing of the set, even the lead agency', () => {
		const doc = board();
		check(doc, facilitator, (d) => createLabel(d, { id: 'lb1', name: 'Ưu tiên', color: 'red' }));
		for (const who of [lead, support]) {
			expect(check(doc, who, (d) => createLabel(d, { id: 'lb9', name: 'Của tôi', color: 'blue' }))).toMatchObject({ ok: false });
			expect(check(doc, who, (d) => renameLabel(d, 'lb1', 'Đổi tên'))).toMatchObject({ ok: false });
			expect(check(doc, who, (d) => labelsMap(d).delete('lb1'))).toMatchObject({ ok: false });
		}
		expect(readBoard(doc).labels).toEqual([{ id: 'lb1', name: 'Ưu tiên', color: 'red' }]);
	});

	it('values outside the rules are refused: colour off the palette, blank or long name, unknown key, incomplete label, a reused id', () => {
		const doc = board();
		check(doc, facilitator, (d) => createLabel(d, { id: 'lb1', name: 'Ưu tiên', color: 'red' }));
		const raw = (id: string, fields: Record<string, unknown>) => (d: Y.Doc) => {
			const m = new Y.Map<unknown>();
			for (const [k, v] of Object.entries(fields)) m.set(k, v);
			labelsMap(d).set(id, m);
		};
		expect(check(doc, facilitator, raw('lb2', { name: 'A', color: '#ff0000' }))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, raw('lb2', { name: ' ', color: 'red' }))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, raw('lb2', { name: 'x'.repeat(LIMITS.labelChars + 1), color: 'red' }))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, raw('lb2', { name: 'A', color: 'red', extra: 1 }))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, raw('lb2', { name: 'A' }))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, raw('lb1', { name: 'Thay', color: 'red' }))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, (d) => labelsMap(d).get('lb1')!.delete('name'))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, (d) => labelsMap(d).get('lb1')!.set('color', 'pink'))).toMatchObject({ ok: false });
		expect(readBoard(doc).labels).toEqual([{ id: 'lb1', name: 'Ưu tiên', color: 'red' }]);
	});

	it(`a board holds at most ${LIMITS.boardLabels} labels`, () => {
		const doc = board();
		expect(
			check(doc, facilitator, (d) => {
				for (let i = 0; i < LIMITS.boardLabels; i++) createLabel(d, { id: `lb${i}`, name: `Nhãn ${i}`, color: 'gray' });
			})
		).toMatchObject({ ok: true });
		const more = (d: Y.Doc) => {
			const m = new Y.Map<unknown>();
			m.set('name', 'Thêm');
			m.set('color', 'red');
			labelsMap(d).set('lb-more', m);
		};
		expect(check(doc, facilitator, more)).toEqual({ ok: false, refusal: { code: 'too_many_labels' } });
	});
});

describe('labels on cards', () => {
	it('the lead agency sets and clears a label on its card, and starts the list on an older card', () => {
		const doc = board();
		check(doc, facilitator, (d) => createLabel(d, { id: 'lb1', name: 'Chờ văn bản', color: 'yellow' }));
		const v = check(doc, lead, (d) => setCardLabel(d, 'c1', 'lb1', true, as('u-lead')));
		expect(v).toEqual({ ok: true, activity: [{ cardId: 'c1', field: 'labels', detail: null }] });
		expect(labelsOf(doc, 'c1')).toEqual(['lb1']);
		expect(check(doc, lead, (d) => setCardLabel(d, 'c2', 'lb1', true, as('u-lead')))).toMatchObject({ ok: true });
		expect(labelsOf(doc, 'c2')).toEqual(['lb1']);
		expect(check(doc, lead, (d) => setCardLabel(d, 'c1', 'lb1', false, as('u-lead')))).toMatchObject({ ok: true });
		expect(labelsOf(doc, 'c1')).toEqual([]);
	});

	it('a supporting agency sets no label, and removes none', () => {
		const doc = board();
		check(doc, facilitator, (d) => createLabel(d, { id: 'lb1', name: 'Ưu tiên', color: 'red' }));
		expect(check(doc, support, (d) => setCardLabel(d, 'c1', 'lb1', true, as('u-support')))).toEqual({
			ok: false,
			refusal: { code: 'work_lead_only' }
		});
		check(doc, lead, (d) => setCardLabel(d, 'c1', 'lb1', true, as('u-lead')));
		expect(check(doc, support, (d) => (cardsMap(d).get('c1')!.get(CARD.labels) as Y.Array<string>).delete(0, 1))).toMatchObject({ ok: false });
		expect(labelsOf(doc, 'c1')).toEqual(['lb1']);
	});

	it('a label id the board does not have is refused, from anyone; so is a label removed by the same update', () => {
		const doc = board();
		check(doc, facilitator, (d) => createLabel(d, { id: 'lb1', name: 'Ưu tiên', color: 'red' }));
		const push = (value: unknown) => (d: Y.Doc) => (cardsMap(d).get('c1')!.get(CARD.labels) as Y.Array<unknown>).push([value]);
		for (const who of [lead, facilitator]) {
			expect(check(doc, who, push('lb-nope'))).toEqual({ ok: false, refusal: { code: 'label_missing' } });
			expect(check(doc, who, push(7))).toMatchObject({ ok: false });
		}
		expect(
			check(doc, facilitator, (d) => {
				push('lb1')(d);
				labelsMap(d).delete('lb1');
			})
		).toMatchObject({ ok: false });
		// A label created by the same update may be set at once.
		expect(
			check(doc, facilitator, (d) => {
				createLabel(d, { id: 'lb2', name: 'Mới', color: 'teal' });
				push('lb2')(d);
			})
		).toMatchObject({ ok: true });
		expect(labelsOf(doc, 'c1')).toEqual(['lb2']);
	});

	it(`a card carries at most ${LIMITS.cardLabels} labels; an editor never replaces the whole list`, () => {
		const doc = board();
		check(doc, facilitator, (d) => {
			for (let i = 0; i < 25; i++) createLabel(d, { id: `lb${i}`, name: `Nhãn ${i}`, color: 'gray' });
		});
		expect(
			check(doc, lead, (d) => {
				for (let i = 0; i <= LIMITS.cardLabels; i++) (cardsMap(d).get('c1')!.get(CARD.labels) as Y.Array<string>).push([`lb${i}`]);
			})
		).toMatchObject({ ok: false });
		expect(
			check(doc, lead, (d) =>
				cardsMap(d)
					.get('c1')!
					.set(CARD.labels, Y.Array.from(['lb1']))
			)
		).toMatchObject({ ok: false });
		expect(check(doc, lead, (d) => cardsMap(d).get('c1')!.set(CARD.labels, ['lb1']))).toMatchObject({ ok: false });
	});
});
