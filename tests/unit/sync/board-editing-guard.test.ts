/**
 * The write path's rules for board editing (schema version 2), through the real guard: managers edit
 * tasks, sections and archive; a lead agency's editors keep a checklist and name a handler of their
 * own agency; nobody else does either.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CARD, cardsMap, initBoardDoc, readBoard, setTitle } from '../../../src/lib/core/board-doc.js';
import {
	addStep,
	addTask,
	appendSection,
	archiveCard,
	moveSection,
	moveToSection,
	renameSection,
	restoreCard,
	setAgencies,
	setDeadline,
	setHandler,
	setStepDone
} from '../../../src/lib/core/board-editing.js';
import { checkUpdate as checkStructure, type GuardContext, type Verdict } from '../../../server/sync/document-guard.js';
import { analyzeUpdate, RefusedUpdate } from '../../../server/sync/update-structure.js';
import type { Role } from '../../../src/lib/core/permissions.js';

const LEAD = 'ag-lead';
const SUPPORT = 'ag-support';
const OTHER = 'ag-other';
const USERS = new Map<string, string | null>([
	['u-lead', LEAD],
	['u-lead2', LEAD],
	['u-support', SUPPORT],
	['u-other', OTHER],
	['u-admin', 'ag-office']
]);

function board() {
	const server = new Y.Doc();
	initBoardDoc(
		server,
		{ title: 'B', planId: 'p', appendix: 'Phụ lục I' },
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
				lead: [LEAD],
				support: [SUPPORT],
				deadline: { raw: 'Quý I/2026', kind: 'quarter', due: '2026-03-31' }
			},
			{ id: 'c2', code: 'I.2', sectionId: 's1', title: 'Việc hai', lead: [OTHER], support: [], deadline: { raw: '', kind: 'unknown', due: null } }
		]
	);
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

const editor = (id: string) => ctx('editor', id);
const facilitator = ctx('facilitator', 'u-admin');

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
const card = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!;

describe('managers edit the board in place', () => {
	it('the facilitator adds a task, renames it, changes its lead agency, deadline and section', () => {
		const doc = board();
		let id = '';
		expect(
			check(
				doc,
				facilitator,
				(d) =>
					(id = addTask(
						d,
						{
							sectionId: 's2',
							code: 'II.1',
							title: 'Việc mới theo Công văn 12',
							lead: [LEAD],
							support: [],
							deadline: { raw: 'Quý III/2026', kind: 'quarter', due: '2026-09-30' }
						},
						as('u-admin')
					))
			)
		).toMatchObject({ ok: true });
		expect(card(doc, id)).toMatchObject({
			code: 'II.1',
			title: 'Việc mới theo Công văn 12',
			lead: [LEAD],
			status: 'todo',
			checklist: [],
			handler: null,
			archived: null
		});
		expect(check(doc, facilitator, (d) => setTitle(d, id, 'Việc mới (sửa)', as('u-admin')))).toMatchObject({ ok: true });
		expect(check(doc, facilitator, (d) => setAgencies(d, id, { lead: [OTHER], support: [LEAD] }, as('u-admin')))).toMatchObject({ ok: true });
		expect(check(doc, facilitator, (d) => setDeadline(d, id, { raw: '30/10/2026', kind: 'date', due: '2026-10-30' }, as('u-admin')))).toMatchObject({
			ok: true
		});
		expect(check(doc, facilitator, (d) => moveToSection(d, id, 's1', as('u-admin')))).toMatchObject({ ok: true });
		expect(card(doc, id)).toMatchObject({
			title: 'Việc mới (sửa)',
			lead: [OTHER],
			support: [LEAD],
			deadline: { due: '2026-10-30' },
			sectionId: 's1'
		});
	});

	it('the activity of a deadline change names the new deadline, of an archive its reason', () => {
		const doc = board();
		const v = check(doc, facilitator, (d) => setDeadline(d, 'c1', { raw: 'Quý III/2026', kind: 'quarter', due: '2026-09-30' }, as('u-admin')));
		expect(v.ok && v.activity).toContainEqual({ cardId: 'c1', field: 'deadline', detail: 'Quý III/2026' });
		const a = check(doc, facilitator, (d) => archiveCard(d, 'c2', 'Đã giao cho UBND cấp xã', as('u-admin')));
		expect(a.ok && a.activity).toContainEqual({ cardId: 'c2', field: 'archived', detail: 'Đã giao cho UBND cấp xã' });
		const r = check(doc, facilitator, (d) => restoreCard(d, 'c2', as('u-admin')));
		expect(r.ok && r.activity).toContainEqual({ cardId: 'c2', field: 'archived', detail: '' });
	});

	it('sections are added, renamed and reordered by managers', () => {
		const doc = board();
		let s3 = '';
		expect(check(doc, facilitator, (d) => (s3 = appendSection(d, { code: 'III', title: 'Nhiệm vụ bổ sung' })))).toMatchObject({ ok: true });
		expect(check(doc, facilitator, (d) => renameSection(d, s3, { title: 'Nhiệm vụ bổ sung năm 2026' }))).toMatchObject({ ok: true });
		expect(check(doc, facilitator, (d) => moveSection(d, s3, 0))).toMatchObject({ ok: true });
		expect(readBoard(doc).sections.map((s) => s.title)).toEqual(['Nhiệm vụ bổ sung năm 2026', 'Phần một', 'Phần hai']);
	});

	it('an archived task keeps everything and is restorable', () => {
		const doc = board();
		check(doc, facilitator, (d) => archiveCard(d, 'c1', 'Theo Công văn số 45/BCĐ', as('u-admin')));
		expect(card(doc, 'c1').archived).toMatchObject({ by: 'u-admin', reason: 'Theo Công văn số 45/BCĐ' });
		expect(card(doc, 'c1').title).toBe('Việc một');
		check(doc, facilitator, (d) => restoreCard(d, 'c1', as('u-admin')));
		expect(card(doc, 'c1').archived).toBeNull();
	});

	it("an editor's client sending the same edits is refused, each one", () => {
		const doc = board();
		const lead = editor('u-lead');
		const edits: ((d: Y.Doc) => void)[] = [
			(d) =>
				addTask(
					d,
					{ sectionId: 's1', code: 'I.3', title: 'Việc chen', lead: [LEAD], support: [], deadline: { raw: '', kind: 'unknown', due: null } },
					as('u-lead')
				),
			(d) => setTitle(d, 'c1', 'Đổi tên', as('u-lead')),
			(d) => setAgencies(d, 'c1', { lead: [OTHER], support: [] }, as('u-lead')),
			(d) => setDeadline(d, 'c1', { raw: 'Năm 2027', kind: 'year', due: '2027-12-31' }, as('u-lead')),
			(d) => moveToSection(d, 'c1', 's2', as('u-lead')),
			(d) => archiveCard(d, 'c1', 'Không làm nữa', as('u-lead')),
			(d) => appendSection(d, { code: 'III', title: 'Phần mới' }),
			(d) => renameSection(d, 's1', { title: 'Đổi tên phần' })
		];
		const before = JSON.stringify(readBoard(doc));
		for (const edit of edits) expect(check(doc, lead, edit).ok).toBe(false);
		expect(JSON.stringify(readBoard(doc))).toBe(before);
	});

	it('an archive must carry the sender as `by`', () => {
		const doc = board();
		const v = check(doc, facilitator, (d) => archiveCard(d, 'c1', 'Lý do', as('u-lead')));
		expect(v).toEqual({ ok: false, refusal: { code: 'archive_managers_only' } });
	});
});

describe('lead agencies break tasks down', () => {
	it('a lead editor adds three steps, ticks two, and names a handler of their agency', () => {
		const doc = board();
		const lead = editor('u-lead');
		const ids: string[] = [];
		for (const text of ['Khảo sát', 'Dự thảo', 'Trình ký'])
			expect(check(doc, lead, (d) => ids.push(addStep(d, 'c1', { text }, as('u-lead')))).ok).toBe(true);
		for (const id of ids.slice(0, 2)) expect(check(doc, lead, (d) => setStepDone(d, 'c1', id, true, as('u-lead'))).ok).toBe(true);
		expect(check(doc, lead, (d) => setHandler(d, 'c1', 'u-lead2', as('u-lead'))).ok).toBe(true);
		const c = card(doc, 'c1');
		expect(c.checklist.map((s) => [s.text, s.done])).toEqual([
			['Khảo sát', true],
			['Dự thảo', true],
			['Trình ký', false]
		]);
		expect(c.handler).toBe('u-lead2');
	});

	it('a supporting or unrelated editor may neither write the checklist nor name a handler', () => {
		const doc = board();
		for (const who of ['u-support', 'u-other']) {
			expect(check(doc, editor(who), (d) => addStep(d, 'c1', { text: 'Chen bước' }, as(who))).ok).toBe(false);
			expect(check(doc, editor(who), (d) => setHandler(d, 'c1', who, as(who))).ok).toBe(false);
		}
	});

	it('a lead editor may not name someone of another agency; a manager may name anyone of a lead agency, nobody else', () => {
		const doc = board();
		expect(check(doc, editor('u-lead'), (d) => setHandler(d, 'c1', 'u-support', as('u-lead')))).toMatchObject({ ok: false });
		expect(check(doc, editor('u-lead'), (d) => setHandler(d, 'c1', 'u-nobody', as('u-lead')))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, (d) => setHandler(d, 'c1', 'u-support', as('u-admin')))).toMatchObject({ ok: false });
		expect(check(doc, facilitator, (d) => setHandler(d, 'c1', 'u-lead', as('u-admin')))).toMatchObject({ ok: true });
	});

	it('progress may follow the checklist: two of three steps done is 67 %', () => {
		const doc = board();
		const lead = editor('u-lead');
		const ids: string[] = [];
		for (const text of ['A', 'B', 'C']) check(doc, lead, (d) => ids.push(addStep(d, 'c1', { text }, as('u-lead'))));
		check(doc, lead, (d) => {
			d.transact(() => {
				cardsMap(d).get('c1')!.set(CARD.progressFromChecklist, true);
				setStepDone(d, 'c1', ids[0], true, as('u-lead'));
				setStepDone(d, 'c1', ids[2], true, as('u-lead'));
			});
		});
		expect(card(doc, 'c1').progress).toBe(67);
	});

	it('a card written before schema version 2 reads as empty, and its lead agency may start its checklist', () => {
		const doc = board();
		const c1 = cardsMap(doc).get('c1')!;
		for (const k of [CARD.checklist, CARD.handler, CARD.progressFromChecklist, CARD.archived]) c1.delete(k);
		expect(card(doc, 'c1')).toMatchObject({ checklist: [], handler: null, progressFromChecklist: false, archived: null });
		expect(check(doc, editor('u-support'), (d) => addStep(d, 'c1', { text: 'Bước' }, as('u-support'))).ok).toBe(false);
		expect(check(doc, editor('u-lead'), (d) => addStep(d, 'c1', { text: 'Bước đầu' }, as('u-lead'))).ok).toBe(true);
		expect(card(doc, 'c1').checklist.map((s) => s.text)).toEqual(['Bước đầu']);
	});

	it("a lead editor cannot replace the whole checklist (other people's steps would vanish)", () => {
		const doc = board();
		check(doc, editor('u-lead'), (d) => addStep(d, 'c1', { text: 'Bước của người khác' }, as('u-lead')));
		const v = check(doc, editor('u-lead2'), (d) => cardsMap(d).get('c1')!.set(CARD.checklist, new Y.Array()));
		expect(v.ok).toBe(false);
		expect(card(doc, 'c1').checklist).toHaveLength(1);
	});
});
