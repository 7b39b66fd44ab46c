import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addComment,
	CARD,
	createCard,
	deleteComment,
	editComment,
	getCard,
	initBoardDoc,
	moveCard,
	setProgress,
	setResult,
	setStatus,
	setTitle
} from '../../../src/lib/core/board-doc.js';
import { checkUpdate as checkStructure, type GuardContext, type Verdict } from '../../../server/sync/document-guard.js';
import { analyzeUpdate, RefusedUpdate } from '../../../server/sync/update-structure.js';
import type { Role } from '../../../src/lib/core/permissions.js';

const LEAD = 'ag-lead';
const SUPPORT = 'ag-support';
const OTHER = 'ag-other';
const COLLECTIVE = 'ag-all';

function board() {
	const server = new Y.Doc();
	const { cardIds } = initBoardDoc(
		server,
		{ title: 'B', planId: 'p', appendix: 'Phụ lục I' },
		[{ id: 's1', code: 'I', title: 'S' }],
		[
			{
				id: 'c1',
				code: 'I.1',
				sectionId: 's1',
				title: 'Việc một',
				lead: [LEAD],
				support: [SUPPORT],
				deadline: { raw: 'Quý I/2026', kind: 'quarter', due: '2026-03-31' }
			},
			{
				id: 'c2',
				code: 'I.2',
				sectionId: 's1',
				title: 'Việc hai',
				lead: [OTHER],
				support: [COLLECTIVE],
				deadline: { raw: '', kind: 'unknown', due: null }
			}
		]
	);
	return { server, cardIds };
}

function ctx(role: Role, agencyId: string | null, id = 'u1'): GuardContext {
	return { subject: { id, role, agencyId }, isCollective: (a) => a === COLLECTIVE, agencyExists: (a) => a.startsWith('ag-') };
}

/** The whole acceptance check of an update from a client nobody owns yet: structure, then rights and schema. */
function checkUpdate(server: Y.Doc, c: GuardContext, update: Uint8Array): Verdict {
	try {
		const structure = analyzeUpdate(server, update, { userId: c.subject.id, owners: new Map(), ownedCount: 0 });
		return checkStructure(server, c, structure);
	} catch (err) {
		if (err instanceof RefusedUpdate) return { ok: false, refusal: { code: 'update_invalid', params: { rule: err.code } } };
		throw err;
	}
}

/** The update a client produces for a change, made on a copy of the server's document. */
function updateOf(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	return Y.encodeStateAsUpdate(client, before);
}

const actor = (id = 'u1', agencyId: string | null = LEAD) => ({ userId: id, agencyId });

describe('document rules checked on every update', () => {
	it('an editor of the lead agency may change status, progress, result and order of its card', () => {
		const { server } = board();
		const c = ctx('editor', LEAD);
		for (const change of [
			(d: Y.Doc) => setStatus(d, 'c1', 'doing', actor()),
			(d: Y.Doc) => setProgress(d, 'c1', 40, actor()),
			(d: Y.Doc) => setResult(d, 'c1', 'Đã ban hành kế hoạch', actor()),
			(d: Y.Doc) => moveCard(d, 'c1', { status: 'blocked', index: 0 }, actor())
		]) {
			expect(checkUpdate(server, c, updateOf(server, change))).toMatchObject({ ok: true });
		}
	});

	it('an editor of a supporting agency may comment but not change the status', () => {
		const { server } = board();
		const c = ctx('editor', SUPPORT);
		expect(
			checkUpdate(
				server,
				c,
				updateOf(server, (d) => setStatus(d, 'c1', 'done', actor('u1', SUPPORT)))
			)
		).toMatchObject({ ok: false });
		expect(
			checkUpdate(
				server,
				c,
				updateOf(server, (d) => addComment(d, 'c1', { body: 'Góp ý' }, actor('u1', SUPPORT)))
			)
		).toMatchObject({ ok: true });
	});

	it('a collective in the support column makes every agency a supporter', () => {
		const { server } = board();
		const c = ctx('editor', SUPPORT);
		expect(
			checkUpdate(
				server,
				c,
				updateOf(server, (d) => addComment(d, 'c2', { body: 'Ý kiến' }, actor('u1', SUPPORT)))
			)
		).toMatchObject({ ok: true });
		expect(
			checkUpdate(
				server,
				c,
				updateOf(server, (d) => setProgress(d, 'c2', 10, actor('u1', SUPPORT)))
			)
		).toMatchObject({ ok: false });
	});

	it('an agency with no part in a card may not comment on it', () => {
		const { server } = board();
		const c = ctx('editor', OTHER);
		expect(
			checkUpdate(
				server,
				c,
				updateOf(server, (d) => addComment(d, 'c1', { body: 'x' }, actor('u1', OTHER)))
			)
		).toMatchObject({ ok: false });
	});

	it('nobody but an admin or facilitator changes lead, support, deadline, code, title or section', () => {
		const { server } = board();
		const changes = [
			(d: Y.Doc) => (getCard(d, 'c1').get(CARD.lead) as Y.Array<string>).push([OTHER]),
			(d: Y.Doc) => (getCard(d, 'c1').get(CARD.support) as Y.Array<string>).delete(0, 1),
			(d: Y.Doc) => getCard(d, 'c1').set(CARD.deadline, { raw: 'Quý IV/2026', kind: 'quarter', due: '2026-12-31' }),
			(d: Y.Doc) => getCard(d, 'c1').set(CARD.code, 'I.9'),
			(d: Y.Doc) => setTitle(d, 'c1', 'Khác', actor()),
			(d: Y.Doc) =>
				createCard(d, { code: 'I.3', sectionId: 's1', title: 'Mới', lead: [LEAD], support: [], deadline: { raw: '', kind: 'unknown', due: null } })
		];
		for (const change of changes) {
			expect(checkUpdate(server, ctx('editor', LEAD), updateOf(server, change))).toMatchObject({ ok: false });
			expect(checkUpdate(server, ctx('facilitator', LEAD), updateOf(server, change))).toMatchObject({ ok: true });
			expect(checkUpdate(server, ctx('admin', LEAD), updateOf(server, change))).toMatchObject({ ok: true });
		}
	});

	it('viewers and leaders write nothing', () => {
		const { server } = board();
		for (const role of ['viewer', 'leader'] as const) {
			expect(
				checkUpdate(
					server,
					ctx(role, LEAD),
					updateOf(server, (d) => setStatus(d, 'c1', 'doing', actor()))
				)
			).toMatchObject({ ok: false });
		}
	});

	it("a comment must carry its sender's name and agency", () => {
		const { server } = board();
		const c = ctx('editor', LEAD, 'u1');
		expect(
			checkUpdate(
				server,
				c,
				updateOf(server, (d) => addComment(d, 'c1', { body: 'x' }, actor('someone-else')))
			)
		).toMatchObject({ ok: false });
		expect(
			checkUpdate(
				server,
				c,
				updateOf(server, (d) => addComment(d, 'c1', { body: 'x' }, actor('u1', SUPPORT)))
			)
		).toMatchObject({ ok: false });
	});

	it("nobody edits or deletes another person's comment; an admin may hide one", () => {
		const { server } = board();
		const id = addComment(server, 'c1', { body: 'Của u2' }, actor('u2', SUPPORT));
		const edit = (d: Y.Doc) => editComment(d, 'c1', id, 'sửa', actor('u1'));
		const hide = (d: Y.Doc) => deleteComment(d, 'c1', id, actor('u1'));
		expect(checkUpdate(server, ctx('editor', LEAD, 'u1'), updateOf(server, edit))).toMatchObject({ ok: false });
		expect(checkUpdate(server, ctx('facilitator', LEAD, 'u1'), updateOf(server, edit))).toMatchObject({ ok: false });
		expect(checkUpdate(server, ctx('admin', LEAD, 'u1'), updateOf(server, edit))).toMatchObject({ ok: false });
		expect(checkUpdate(server, ctx('admin', LEAD, 'u1'), updateOf(server, hide))).toMatchObject({ ok: true });
		expect(
			checkUpdate(
				server,
				ctx('editor', SUPPORT, 'u2'),
				updateOf(server, (d) => editComment(d, 'c1', id, 'sửa', actor('u2', SUPPORT)))
			)
		).toMatchObject({ ok: true });
		const remove = (d: Y.Doc) => (getCard(d, 'c1').get(CARD.comments) as Y.Array<unknown>).delete(0, 1);
		expect(checkUpdate(server, ctx('editor', SUPPORT, 'u2'), updateOf(server, remove))).toMatchObject({ ok: false });
	});

	it('an accepted update names the cards and fields it changed', () => {
		const { server } = board();
		const v = checkUpdate(
			server,
			ctx('editor', LEAD),
			updateOf(server, (d) => setStatus(d, 'c1', 'doing', actor()))
		);
		expect(v).toEqual({ ok: true, activity: [{ cardId: 'c1', field: 'status', detail: 'doing' }] });
	});

	it('a progress set twice in one update (done → 100, then the returned 60 %) is recorded as 60, never "undefined"', () => {
		// What the Excel round trip sends: status and progress in one transaction; the first progress value
		// is overwritten at once and travels as a deleted placeholder.
		const { server } = board();
		const v = checkUpdate(
			server,
			ctx('editor', LEAD),
			updateOf(server, (d) =>
				d.transact(() => {
					setStatus(d, 'c1', 'done', actor());
					setProgress(d, 'c1', 60, actor());
				})
			)
		);
		expect(v).toMatchObject({ ok: true });
		const details = (v as { activity: { field: string; detail: string | null }[] }).activity.filter((a) => a.field === 'progress');
		expect(details).toEqual([{ cardId: 'c1', field: 'progress', detail: '60' }]);
	});

	it('bytes that are not a Yjs update are refused by throwing (the connection closes with 4400)', () => {
		const { server } = board();
		expect(() => checkUpdate(server, ctx('admin', LEAD), new Uint8Array([1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0]))).toThrow();
	});
});
