/**
 * Generators of decodable but hostile Yjs updates against a small board, and the oracle that says
 * whether an accepted update stayed within its sender's rights. Used by the property test (thousands
 * of cases against a real room on a real SQLite store), by the test of the refusal codes
 * (refusal-codes.test.ts) and by the socket regression tests.
 *
 * The board: three cards. c1 is led by agency A (the victim's) and supported by B (the attacker's
 * when the attacker is an editor); c2 is led by B; c3 by C with nobody supporting, and written before
 * schema version 2 (no checklist, handler or archive keys). Users: see USERS.
 */
import * as Y from 'yjs';
import fc from 'fast-check';
import {
	addComment,
	CARD,
	cardsMap,
	initBoardDoc,
	labelsMap,
	metaMap,
	readBoard,
	resultText,
	sectionsMap,
	setStatus,
	titleText
} from '../../../src/lib/core/board-doc.js';
import type { BoardData, CardData } from '../../../src/lib/core/board-types.js';
import { cardAbilities, isBoardManager, isReadOnlyRole, type Role, type Subject } from '../../../src/lib/core/permissions.js';
import { CARD_ALL_KEYS, CARD_OPTIONAL_VALUE_RULES, CARD_VALUE_RULES, LABEL_RULES, LIMITS } from '../../../src/lib/core/board-schema.js';
import { addStep, createLabel, setCardLabel } from '../../../src/lib/core/board-editing.js';
import type { Peer, Room } from '../../../server/sync/room.js';

export const AG = { A: 'ag-a', B: 'ag-b', C: 'ag-c', ALL: 'ag-all' } as const;
export const AGENCIES = new Set<string>(Object.values(AG));
export const VICTIM: Subject = { id: 'user-victim', role: 'editor', agencyId: AG.A };

export const isCollective = (a: string) => a === AG.ALL;

/** Every user the guard knows, with their agency (the attacker is 'user-attacker', of B). */
export const USERS: ReadonlyMap<string, string | null> = new Map([
	[VICTIM.id, AG.A],
	['user-a2', AG.A],
	['user-attacker', AG.B],
	['user-b2', AG.B],
	['user-c1', AG.C],
	['user-none', null]
]);
export const userAgency = (id: string) => (USERS.has(id) ? USERS.get(id)! : undefined);

/** The fixture document, as bytes (the same every time: fixed client id). */
export function fixtureState(): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1;
	initBoardDoc(
		doc,
		{ title: 'Kế hoạch', planId: 'p1', appendix: 'Phụ lục I' },
		[
			{ id: 's1', code: 'I', title: 'Phần một' },
			{ id: 's2', code: 'II', title: 'Phần hai' }
		],
		[
			{
				id: 'c1',
				code: 'I.1',
				sectionId: 's1',
				title: 'Việc một',
				lead: [AG.A],
				support: [AG.B],
				deadline: { raw: 'Quý I/2026', kind: 'quarter', due: '2026-03-31' }
			},
			{ id: 'c2', code: 'I.2', sectionId: 's1', title: 'Việc hai', lead: [AG.B], support: [], deadline: { raw: '', kind: 'unknown', due: null } },
			{
				id: 'c3',
				code: 'II.1',
				sectionId: 's2',
				title: 'Việc ba',
				lead: [AG.C],
				support: [],
				deadline: { raw: 'Năm 2026', kind: 'year', due: '2026-12-31' }
			}
		]
	);
	addComment(doc, 'c1', { id: 'cm-victim', body: 'Ý kiến của đơn vị chủ trì' }, { userId: VICTIM.id, agencyId: AG.A });
	addComment(doc, 'c2', { id: 'cm-other', body: 'Ý kiến khác' }, { userId: 'user-other', agencyId: AG.B });
	addStep(doc, 'c1', { id: 'st-a', text: 'Khảo sát' }, { userId: VICTIM.id });
	addStep(doc, 'c2', { id: 'st-b', text: 'Dự thảo', due: '2026-06-30' }, { userId: 'user-b2' });
	// Schema version 3: two labels, one on c2.
	createLabel(doc, { id: 'lb-urgent', name: 'Ưu tiên', color: 'red' });
	createLabel(doc, { id: 'lb-funds', name: 'Cần kinh phí', color: 'orange' });
	setCardLabel(doc, 'c2', 'lb-urgent', true, { userId: 'user-b2' });
	// c3 as a schema-1 document wrote it.
	const c3 = cardsMap(doc).get('c3')!;
	for (const k of [CARD.checklist, CARD.handler, CARD.progressFromChecklist, CARD.archived, CARD.labels]) c3.delete(k);
	return Y.encodeStateAsUpdate(doc);
}

/** The victim's offline work on c1, made before the attack and sent after it. */
export const VICTIM_TEXT = 'Đã hoàn thành khảo sát';
export const VICTIM_COMMENT = 'Bình luận lúc mất mạng';
export function victimEdits(doc: Y.Doc): void {
	const actor = { userId: VICTIM.id, agencyId: AG.A };
	resultText(doc, 'c1').insert(0, VICTIM_TEXT);
	setStatus(doc, 'c1', 'doing', actor);
	addComment(doc, 'c1', { id: 'cm-offline', body: VICTIM_COMMENT }, actor);
}

// — operations an attacker applies to its copy of the board —

const cardId = fc.constantFrom('c1', 'c2', 'c3', 'c9');
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom('todo', 'doing', 'blocked', 'done', 'zzz', '', null, true, 12345, -1, 101, 50, 2.5),
	fc.constantFrom('2026-01-01T00:00:00.000Z', 'user-victim', 'user-attacker', 'a0', 'Zz', 's1', 's9'),
	fc.record({ raw: fc.string({ maxLength: 5 }), kind: fc.constantFrom('date', 'bad'), due: fc.constantFrom(null, '2026-02-30', '2026-02-28') }),
	fc.jsonValue({ maxDepth: 3 })
);
const fieldKey = fc.constantFrom(...CARD_ALL_KEYS, 'labels', 'junk', '__proto__');
const userId = fc.constantFrom(...USERS.keys(), 'user-nobody', 'bad id!');

export type Op =
	| { op: 'set'; card: string; key: string; value: unknown }
	| { op: 'nest'; card: string; key: string; depth: number }
	| { op: 'text'; card: string; field: 'title' | 'result'; pos: number; text: string }
	| { op: 'cut'; card: string; field: 'title' | 'result'; pos: number; len: number }
	| { op: 'agency'; card: string; field: 'lead' | 'support'; agency: string; remove: boolean }
	| { op: 'comment'; card: string; id: string; authorId: string; agencyId: string | null; body: string }
	| { op: 'commentEdit'; card: string; index: number; key: string; value: unknown }
	| { op: 'commentRemove'; card: string; index: number }
	| { op: 'cardRemove'; card: string }
	| { op: 'cardAdd'; id: string }
	| { op: 'meta'; key: string; value: unknown }
	| { op: 'handler'; card: string; user: string | null }
	| { op: 'archive'; card: string; by: string; reason: string; restore: boolean }
	| { op: 'stepAdd'; card: string; id: string; text: string; done: unknown; order: string; fresh: boolean }
	| { op: 'stepEdit'; card: string; index: number; key: string; value: unknown }
	| { op: 'stepRemove'; card: string; index: number }
	| { op: 'labelOn'; card: string; label: string; fresh: boolean }
	| { op: 'labelOff'; card: string; index: number }
	| { op: 'boardLabel'; id: string; key: string; value: unknown; fresh: boolean }
	| { op: 'boardLabelRemove'; id: string }
	| { op: 'root' }
	| { op: 'sectionRemove' };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
	fc.record({ op: fc.constant('set' as const), card: cardId, key: fieldKey, value: anyValue }),
	fc.record({ op: fc.constant('nest' as const), card: cardId, key: fieldKey, depth: fc.integer({ min: 1, max: 40 }) }),
	fc.record({
		op: fc.constant('text' as const),
		card: cardId,
		field: fc.constantFrom('title' as const, 'result' as const),
		pos: fc.nat(20),
		text: fc.string({ minLength: 1, maxLength: 8 })
	}),
	fc.record({
		op: fc.constant('cut' as const),
		card: cardId,
		field: fc.constantFrom('title' as const, 'result' as const),
		pos: fc.nat(10),
		len: fc.integer({ min: 1, max: 10 })
	}),
	fc.record({
		op: fc.constant('agency' as const),
		card: cardId,
		field: fc.constantFrom('lead' as const, 'support' as const),
		agency: fc.constantFrom(AG.A, AG.B, AG.C, AG.ALL, 'ag-nope'),
		remove: fc.boolean()
	}),
	fc.record({
		op: fc.constant('comment' as const),
		card: cardId,
		id: fc.constantFrom('cm-new', 'cm-victim', 'cm-other', 'bad id!'),
		authorId: fc.constantFrom('user-attacker', VICTIM.id),
		agencyId: fc.constantFrom(AG.A, AG.B, null),
		body: fc.constantFrom('Ý kiến', '', 'x'.repeat(20_000))
	}),
	fc.record({
		op: fc.constant('commentEdit' as const),
		card: cardId,
		index: fc.nat(2),
		key: fc.constantFrom('body', 'deleted', 'editedAt', 'authorId', 'id', 'extra'),
		value: anyValue
	}),
	fc.record({ op: fc.constant('commentRemove' as const), card: cardId, index: fc.nat(2) }),
	fc.record({ op: fc.constant('cardRemove' as const), card: cardId }),
	fc.record({ op: fc.constant('cardAdd' as const), id: fc.constantFrom('c4', 'c1', 'bad id!') }),
	fc.record({ op: fc.constant('meta' as const), key: fc.constantFrom('title', 'schemaVersion', 'junk'), value: anyValue }),
	fc.record({ op: fc.constant('handler' as const), card: cardId, user: fc.oneof(userId, fc.constant(null)) }),
	fc.record({
		op: fc.constant('archive' as const),
		card: cardId,
		by: fc.constantFrom('user-attacker', VICTIM.id),
		reason: fc.constantFrom('Theo văn bản 12/UBND', '', 'x'.repeat(600)),
		restore: fc.boolean()
	}),
	fc.record({
		op: fc.constant('stepAdd' as const),
		card: cardId,
		id: fc.constantFrom('st-new', 'st-a', 'st-b', 'bad id!'),
		text: fc.constantFrom('Bước mới', '', ' ', 'x'.repeat(600)),
		done: fc.constantFrom(false, true, 'yes'),
		order: fc.constantFrom('a5', 'a0', '', '!!'),
		fresh: fc.boolean()
	}),
	fc.record({
		op: fc.constant('stepEdit' as const),
		card: cardId,
		index: fc.nat(2),
		key: fc.constantFrom('text', 'done', 'due', 'order', 'id', 'extra'),
		value: anyValue
	}),
	fc.record({ op: fc.constant('stepRemove' as const), card: cardId, index: fc.nat(2) }),
	fc.record({
		op: fc.constant('labelOn' as const),
		card: cardId,
		label: fc.constantFrom('lb-urgent', 'lb-funds', 'lb-new', 'lb-nope', '', 42 as unknown as string),
		fresh: fc.boolean()
	}),
	fc.record({ op: fc.constant('labelOff' as const), card: cardId, index: fc.nat(2) }),
	fc.record({
		op: fc.constant('boardLabel' as const),
		id: fc.constantFrom('lb-urgent', 'lb-new', 'bad id!'),
		key: fc.constantFrom('name', 'color', 'junk'),
		value: fc.oneof(fc.constantFrom('Chờ văn bản', '', ' ', 'x'.repeat(41), 'blue', 'green', 'pink', '#ff0000'), anyValue),
		fresh: fc.boolean()
	}),
	fc.record({ op: fc.constant('boardLabelRemove' as const), id: fc.constantFrom('lb-urgent', 'lb-funds', 'lb-nope') }),
	fc.constant({ op: 'root' as const }),
	fc.constant({ op: 'sectionRemove' as const })
);

function cardOf(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
	return cardsMap(doc).get(id);
}

/** Applies one operation with raw Yjs calls (bypassing the typed accessors, as a hostile client would). */
export function applyOp(doc: Y.Doc, o: Op, attackerId: string): void {
	const card = 'card' in o ? cardOf(doc, o.card) : undefined;
	switch (o.op) {
		case 'set':
			card?.set(o.key, o.value);
			return;
		case 'nest': {
			if (!card) return;
			const top = new Y.Map<unknown>();
			let m = top;
			for (let i = 1; i < o.depth; i++) {
				const inner = new Y.Map<unknown>();
				m.set('m', inner);
				m = inner;
			}
			card.set(o.key, top);
			return;
		}
		case 'text': {
			const t = card?.get(o.field);
			if (t instanceof Y.Text) t.insert(Math.min(o.pos, t.length), o.text);
			return;
		}
		case 'cut': {
			const t = card?.get(o.field);
			if (t instanceof Y.Text && t.length > 0) t.delete(Math.min(o.pos, t.length - 1), Math.min(o.len, t.length - Math.min(o.pos, t.length - 1)));
			return;
		}
		case 'agency': {
			const a = card?.get(o.field);
			if (!(a instanceof Y.Array)) return;
			if (o.remove && a.length > 0) a.delete(0, 1);
			else a.push([o.agency]);
			return;
		}
		case 'comment': {
			const list = card?.get(CARD.comments);
			if (!(list instanceof Y.Array)) return;
			const m = new Y.Map<unknown>();
			m.set('id', o.id);
			m.set('authorId', o.authorId);
			m.set('agencyId', o.agencyId);
			m.set('body', o.body);
			m.set('createdAt', new Date().toISOString());
			list.push([m]);
			return;
		}
		case 'commentEdit': {
			const list = card?.get(CARD.comments);
			if (!(list instanceof Y.Array) || list.length === 0) return;
			const m = list.get(o.index % list.length);
			if (m instanceof Y.Map) m.set(o.key, o.value);
			return;
		}
		case 'commentRemove': {
			const list = card?.get(CARD.comments);
			if (list instanceof Y.Array && list.length > 0) list.delete(o.index % list.length, 1);
			return;
		}
		case 'cardRemove':
			cardsMap(doc).delete(o.card);
			return;
		case 'cardAdd': {
			const m = new Y.Map<unknown>();
			m.set(CARD.code, 'X.1');
			m.set(CARD.sectionId, 's1');
			m.set(CARD.title, new Y.Text('Việc mới'));
			m.set(CARD.lead, Y.Array.from([AG.A]));
			m.set(CARD.support, Y.Array.from([]));
			m.set(CARD.deadline, { raw: '', kind: 'unknown', due: null });
			m.set(CARD.status, 'todo');
			m.set(CARD.progress, 0);
			m.set(CARD.completedAt, null);
			m.set(CARD.result, new Y.Text(''));
			m.set(CARD.order, 'a5');
			m.set(CARD.comments, new Y.Array());
			m.set(CARD.attachments, new Y.Array());
			m.set(CARD.updatedAt, null);
			m.set(CARD.updatedBy, attackerId);
			cardsMap(doc).set(o.id, m);
			return;
		}
		case 'meta':
			metaMap(doc).set(o.key, o.value);
			return;
		case 'handler':
			card?.set(CARD.handler, o.user);
			return;
		case 'archive':
			card?.set(CARD.archived, o.restore ? null : { at: new Date().toISOString(), by: o.by, reason: o.reason });
			return;
		case 'stepAdd': {
			if (!card) return;
			let list = card.get(CARD.checklist);
			if (!(list instanceof Y.Array) || o.fresh) {
				// Starts (or replaces) the whole list, as a hostile client could.
				list = new Y.Array<Y.Map<unknown>>();
				card.set(CARD.checklist, list);
			}
			const m = new Y.Map<unknown>();
			m.set('id', o.id);
			m.set('text', o.text);
			m.set('done', o.done);
			m.set('order', o.order);
			(list as Y.Array<Y.Map<unknown>>).push([m]);
			return;
		}
		case 'stepEdit': {
			const list = card?.get(CARD.checklist);
			if (!(list instanceof Y.Array) || list.length === 0) return;
			const m = list.get(o.index % list.length);
			if (m instanceof Y.Map) m.set(o.key, o.value);
			return;
		}
		case 'stepRemove': {
			const list = card?.get(CARD.checklist);
			if (list instanceof Y.Array && list.length > 0) list.delete(o.index % list.length, 1);
			return;
		}
		case 'labelOn': {
			if (!card) return;
			let list = card.get(CARD.labels);
			if (!(list instanceof Y.Array) || o.fresh) {
				list = new Y.Array<string>();
				card.set(CARD.labels, list);
			}
			(list as Y.Array<string>).push([o.label]);
			return;
		}
		case 'labelOff': {
			const list = card?.get(CARD.labels);
			if (list instanceof Y.Array && list.length > 0) list.delete(o.index % list.length, 1);
			return;
		}
		case 'boardLabel': {
			const labels = labelsMap(doc);
			let m = labels.get(o.id);
			if (!m || o.fresh) {
				// A new label (or one replacing an existing id), with a valid colour unless the op sets it.
				m = new Y.Map<unknown>();
				m.set('name', 'Nhãn');
				m.set('color', 'gray');
				labels.set(o.id, m);
			}
			m.set(o.key, o.value);
			return;
		}
		case 'boardLabelRemove':
			labelsMap(doc).delete(o.id);
			return;
		case 'root':
			doc.getMap('junk').set('x', 1);
			return;
		case 'sectionRemove':
			sectionsMap(doc).delete('s2');
			return;
	}
}

/** How the attack is encoded and under which client id. */
export type Mode =
	| 'diff' // the ops, as a normal client would send them
	| 'victimClient' // the ops, written under the victim's client id (clock squatting)
	| 'futureDelete' // deletions of the victim's edits the server has not seen yet
	| 'pending' // ops that build on the victim's unseen edits
	| 'overlap' // the attacker's own earlier clocks rewritten with other content
	| 'bitflip'; // a valid update with bytes changed

export const modeArb = fc.constantFrom<Mode>('diff', 'diff', 'victimClient', 'futureDelete', 'pending', 'overlap', 'bitflip');

export const roleArb = fc.constantFrom<Role>('editor', 'editor', 'facilitator', 'admin', 'viewer', 'leader');

// — the attacks —

export function docFrom(update: Uint8Array, clientId?: number): Y.Doc {
	const d = new Y.Doc();
	if (clientId !== undefined) d.clientID = clientId;
	Y.applyUpdate(d, update);
	return d;
}

/** The victim's client id, bound to the victim on every test board (it has written before). */
export const VICTIM_CLIENT = 1001;

/** The bytes of one attack, built from the server's state and the victim's unsent edits. */
export function attackBytes(
	server: Y.Doc,
	victimUpdate: Uint8Array,
	mode: Mode,
	ops: Op[],
	attacker: Subject,
	seed: number,
	room: Room,
	peer: Peer
): Uint8Array {
	const base = Y.encodeStateAsUpdate(server);
	const serverSv = Y.encodeStateVector(server);
	const run = (d: Y.Doc) =>
		d.transact(() => {
			for (const o of ops) {
				try {
					applyOp(d, o, attacker.id);
				} catch {
					// Yjs refuses some values locally (a client cannot send them that way)
				}
			}
		});
	switch (mode) {
		case 'diff':
		case 'bitflip': {
			const d = docFrom(base, 500_000 + (seed % 1000));
			run(d);
			const u = Y.encodeStateAsUpdate(d, serverSv);
			if (mode === 'diff') return u;
			const flipped = u.slice();
			for (let i = 0; i < 3 && flipped.length > 0; i++) flipped[(seed * (i + 7)) % flipped.length] ^= 1 << (seed % 8);
			return flipped;
		}
		case 'victimClient': {
			const d = docFrom(base, VICTIM_CLIENT);
			run(d);
			return Y.encodeStateAsUpdate(d, serverSv);
		}
		case 'futureDelete': {
			const d = docFrom(base, 600_000);
			Y.applyUpdate(d, victimUpdate);
			// Delete what the victim wrote that the server has not seen: its text, its comment.
			const card = d.getMap<Y.Map<unknown>>('cards').get('c1')!;
			const t = card.get('result') as Y.Text;
			t.delete(0, t.length);
			const list = card.get('comments') as Y.Array<unknown>;
			if (list.length > 0) list.delete(list.length - 1, 1);
			run(d);
			return Y.encodeStateAsUpdate(d, Y.encodeStateVector(d)); // no structs: the delete set alone
		}
		case 'pending': {
			const d = docFrom(base, 700_000);
			Y.applyUpdate(d, victimUpdate);
			const sv = Y.encodeStateVector(d);
			(d.getMap<Y.Map<unknown>>('cards').get('c1')!.get('result') as Y.Text).insert(3, '!');
			run(d);
			return Y.encodeStateAsUpdate(d, sv);
		}
		case 'overlap': {
			// A first, acceptable update under the attacker's own id; then other content on the same clocks.
			const clientId = 800_000 + (seed % 1000);
			const first = docFrom(base, clientId);
			const target = attacker.agencyId === AG.B ? 'c2' : 'c1';
			(first.getMap<Y.Map<unknown>>('cards').get(target)!.get('result') as Y.Text).insert(0, 'abc');
			room.applyClientUpdate(peer, Y.encodeStateAsUpdate(first, serverSv));
			const second = docFrom(base, clientId);
			(second.getMap<Y.Map<unknown>>('cards').get('c1')!.get('title') as Y.Text).insert(0, 'XYZW');
			run(second);
			return Y.encodeStateAsUpdate(second, serverSv);
		}
	}
}

// — the oracle —

function sameCardAgencies(c: CardData) {
	return { lead: c.lead, support: c.support };
}

const json = (v: unknown) => JSON.stringify(v);

/**
 * Says what an accepted update changed that its sender had no right to change (empty: nothing).
 * Compares the board before and after, field by field, with the rules of src/lib/core/permissions.ts.
 */
export function violations(before: BoardData, after: BoardData, doc: Y.Doc, subject: Subject): string[] {
	const out: string[] = [];
	const manager = isBoardManager(subject.role);
	if (isReadOnlyRole(subject.role) && json(before) !== json(after)) out.push('read-only account changed the board');
	const roots = [...doc.share.keys()].filter((k) => !['meta', 'sections', 'cards', 'labels'].includes(k));
	if (roots.length) out.push(`unknown root types ${roots.join(',')}`);
	if (doc.store.pendingStructs || doc.store.pendingDs) out.push('pending structs or deletions left in the document');
	if (!manager && (json(before.meta) !== json(after.meta) || json(before.sections) !== json(after.sections)))
		out.push('meta or sections changed by a non-manager');
	// Schema version 3: the board's label set is the managers'; every label is complete and valid.
	if (!manager && json(before.labels) !== json(after.labels)) out.push('board labels changed by a non-manager');
	if (after.labels.length > LIMITS.boardLabels) out.push('more labels than a board may have');
	const labelIds = new Set(after.labels.map((l) => l.id));
	for (const l of after.labels) {
		if (!LABEL_RULES.name(l.name) || !LABEL_RULES.color(l.color)) out.push(`label ${l.id} = ${json(l)} breaks the schema`);
		const m = labelsMap(doc).get(l.id);
		if (!(m instanceof Y.Map) || [...m.keys()].some((k) => !(k in LABEL_RULES))) out.push(`label ${l.id} has unknown keys or is not a map`);
	}
	const beforeCards = new Map(before.cards.map((c) => [c.id, c]));
	const afterCards = new Map(after.cards.map((c) => [c.id, c]));
	for (const id of new Set([...beforeCards.keys(), ...afterCards.keys()])) {
		const b = beforeCards.get(id);
		const a = afterCards.get(id);
		if (!b || !a) {
			if (!manager) out.push(`card ${id} added or removed by a non-manager`);
			continue;
		}
		const map = cardsMap(doc).get(id)!;
		for (const k of map.keys()) if (!CARD_ALL_KEYS.includes(k)) out.push(`card ${id} has unknown key ${k}`);
		for (const [k, rule] of Object.entries(CARD_VALUE_RULES)) {
			const v = map.get(k);
			if (json(v) !== json((b as unknown as Record<string, unknown>)[k]) && !rule(v)) out.push(`card ${id}.${k} = ${json(v)} breaks the schema`);
		}
		for (const [k, rule] of Object.entries(CARD_OPTIONAL_VALUE_RULES)) {
			if (map.has(k) && !rule(map.get(k))) out.push(`card ${id}.${k} = ${json(map.get(k))} breaks the schema`);
		}
		const can = cardAbilities(subject, sameCardAgencies(b), isCollective);
		for (const k of ['code', 'sectionId', 'title', 'lead', 'support', 'deadline'] as const) {
			if (json(a[k]) !== json(b[k]) && !can.structure) out.push(`card ${id}.${k} changed without the right`);
		}
		for (const k of ['status', 'progress', 'completedAt', 'result', 'order'] as const) {
			if (json(a[k]) !== json(b[k]) && !can.work) out.push(`card ${id}.${k} changed without the right`);
		}
		if (a.updatedBy !== b.updatedBy && a.updatedBy !== subject.id && a.updatedBy !== null) out.push(`card ${id}.updatedBy names someone else`);
		// Schema version 2: the lead agency's breakdown, and the managers' archive.
		for (const k of ['checklist', 'progressFromChecklist', 'handler'] as const) {
			if (json(a[k]) !== json(b[k]) && !can.work) out.push(`card ${id}.${k} changed without the right`);
		}
		if (a.handler !== b.handler && a.handler !== null) {
			const agency = USERS.get(a.handler) ?? null;
			if (!agency || !b.lead.includes(agency)) out.push(`card ${id}.handler ${a.handler} is not of a lead agency`);
			else if (!manager && agency !== subject.agencyId) out.push(`card ${id}.handler ${a.handler} is from another agency than the sender's`);
		}
		if (json(a.archived) !== json(b.archived)) {
			if (!can.structure) out.push(`card ${id} archived or restored without the right`);
			if (a.archived && a.archived.by !== subject.id) out.push(`card ${id} archived in someone else's name`);
		}
		const stepIds = a.checklist.map((s) => s.id);
		if (new Set(stepIds).size !== stepIds.length) out.push(`card ${id} has duplicate step ids`);
		for (const st of a.checklist) {
			if (!st.text.trim() || st.text.length > 500 || !/^[0-9A-Za-z]{1,100}$/.test(st.order)) out.push(`card ${id} step ${st.id} breaks the schema`);
		}
		if (json(a.labels) !== json(b.labels)) {
			if (!can.work) out.push(`card ${id}.labels changed without the right`);
			for (const l of a.labels) if (!b.labels.includes(l) && !labelIds.has(l)) out.push(`card ${id} carries label ${l} that does not exist`);
			const raw = map.get(CARD.labels);
			if (raw instanceof Y.Array && raw.length > LIMITS.cardLabels) out.push(`card ${id} has more than ${LIMITS.cardLabels} labels`);
		}
		if (json(a.attachments) !== json(b.attachments)) out.push(`card ${id} attachments changed by a client`);
		const ids = a.comments.map((c) => c.id);
		if (new Set(ids).size !== ids.length) out.push(`card ${id} has duplicate comment ids`);
		const old = new Map(b.comments.map((c) => [c.id, c]));
		for (const c of b.comments) if (!a.comments.some((x) => x.id === c.id)) out.push(`comment ${c.id} removed`);
		for (const c of a.comments) {
			const was = old.get(c.id);
			if (!was) {
				if (!can.comment) out.push(`comment ${c.id} added without the right`);
				if (c.authorId !== subject.id || c.agencyId !== subject.agencyId) out.push(`comment ${c.id} in someone else's name`);
				continue;
			}
			for (const k of ['body', 'deleted', 'editedAt', 'authorId', 'agencyId', 'createdAt'] as const) {
				if (json(c[k]) === json(was[k])) continue;
				const own = was.authorId === subject.id && (k === 'body' || k === 'deleted' || k === 'editedAt');
				const hide = subject.role === 'admin' && (k === 'deleted' || k === 'editedAt');
				if (!own && !hide) out.push(`comment ${c.id}.${k} changed without the right`);
			}
		}
	}
	return out;
}

export { readBoard, titleText };
