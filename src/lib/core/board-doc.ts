/**
 * The board document (Y.Doc) layout and its typed accessors — the contract shared by the importer,
 * the sync server, the browser and the tests (see docs/board-document.md). No code elsewhere writes
 * raw map keys: it calls these functions.
 */
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { newId } from './ids.js';
import {
	isStatus,
	type ArchiveMark,
	type AttachmentData,
	type BoardData,
	type ChecklistStep,
	type BoardMeta,
	type CardData,
	type CommentData,
	type Deadline,
	type LabelData,
	type SectionData,
	type Status
} from './board-types.js';

/**
 * 2: cards may hold checklist, handler, progressFromChecklist, archived; 3: the board's labels (root
 * `labels`) and a card's `labels` (docs/board-document.md).
 */
export const SCHEMA_VERSION = 3;

/** Root type names of the document. */
export const ROOT = { meta: 'meta', sections: 'sections', cards: 'cards', labels: 'labels' } as const;

/** Keys of a card map. */
export const CARD = {
	code: 'code',
	sectionId: 'sectionId',
	title: 'title',
	lead: 'lead',
	support: 'support',
	deadline: 'deadline',
	status: 'status',
	progress: 'progress',
	completedAt: 'completedAt',
	result: 'result',
	order: 'order',
	comments: 'comments',
	attachments: 'attachments',
	updatedAt: 'updatedAt',
	updatedBy: 'updatedBy',
	checklist: 'checklist',
	handler: 'handler',
	progressFromChecklist: 'progressFromChecklist',
	archived: 'archived',
	labels: 'labels'
} as const;
export type CardField = (typeof CARD)[keyof typeof CARD];

export type CardMap = Y.Map<unknown>;

export interface SectionInit {
	id?: string;
	code: string;
	title: string;
}

export interface CardInit {
	id?: string;
	code: string;
	sectionId: string;
	title: string;
	lead: string[];
	support: string[];
	deadline: Deadline;
	status?: Status;
	progress?: number;
	result?: string;
	order?: string;
}

/** Who makes a change and when; stamped on the card as updatedBy/updatedAt. */
export interface Actor {
	userId: string;
	agencyId?: string | null;
	now?: Date;
}

export const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.meta);
export const sectionsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOT.sections);
export const cardsMap = (doc: Y.Doc) => doc.getMap<CardMap>(ROOT.cards);
/** labelId -> Y.Map { name, color } (schema version 3). */
export const labelsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOT.labels);

export function getCard(doc: Y.Doc, cardId: string): CardMap {
	const card = cardsMap(doc).get(cardId);
	if (!card) throw new Error(`Không tìm thấy thẻ ${cardId}`);
	return card;
}

/** Fills an empty document with a board: meta, sections in order, cards ordered within their status column. */
export function initBoardDoc(
	doc: Y.Doc,
	meta: Omit<BoardMeta, 'schemaVersion'>,
	sections: SectionInit[],
	cards: CardInit[]
): { sectionIds: string[]; cardIds: string[] } {
	const sectionIds: string[] = [];
	const cardIds: string[] = [];
	doc.transact(() => {
		const m = metaMap(doc);
		m.set('title', meta.title);
		m.set('planId', meta.planId);
		m.set('appendix', meta.appendix);
		m.set('schemaVersion', SCHEMA_VERSION);
		sections.forEach((s, order) => sectionIds.push(addSection(doc, s, order)));
		let last: string | null = null;
		for (const c of cards) {
			const order: string = c.order ?? generateKeyBetween(last, null);
			last = order;
			cardIds.push(createCard(doc, { ...c, order }));
		}
	});
	return { sectionIds, cardIds };
}

export function addSection(doc: Y.Doc, init: SectionInit, order: number): string {
	const id = init.id ?? newId();
	const section = new Y.Map<unknown>();
	section.set('code', init.code);
	section.set('title', init.title);
	section.set('order', order);
	sectionsMap(doc).set(id, section);
	return id;
}

export function createCard(doc: Y.Doc, init: CardInit, actor?: Actor): string {
	const id = init.id ?? newId();
	const card = new Y.Map<unknown>();
	doc.transact(() => {
		card.set(CARD.code, init.code);
		card.set(CARD.sectionId, init.sectionId);
		card.set(CARD.title, new Y.Text(init.title));
		card.set(CARD.lead, Y.Array.from(init.lead));
		card.set(CARD.support, Y.Array.from(init.support));
		card.set(CARD.deadline, { ...init.deadline });
		const status = init.status ?? 'todo';
		card.set(CARD.status, status);
		card.set(CARD.progress, clampProgress(init.progress ?? (status === 'done' ? 100 : 0)));
		card.set(CARD.completedAt, null);
		card.set(CARD.result, new Y.Text(init.result ?? ''));
		card.set(CARD.order, init.order ?? lastOrderIn(doc, status));
		card.set(CARD.comments, new Y.Array<Y.Map<unknown>>());
		card.set(CARD.attachments, new Y.Array<Y.Map<unknown>>());
		card.set(CARD.updatedAt, actor ? stamp(actor) : null);
		card.set(CARD.updatedBy, actor?.userId ?? null);
		card.set(CARD.checklist, new Y.Array<Y.Map<unknown>>());
		card.set(CARD.handler, null);
		card.set(CARD.progressFromChecklist, false);
		card.set(CARD.archived, null);
		card.set(CARD.labels, new Y.Array<string>());
		cardsMap(doc).set(id, card);
	});
	return id;
}

function stamp(actor: Actor): string {
	return (actor.now ?? new Date()).toISOString();
}

function touch(card: CardMap, actor: Actor) {
	card.set(CARD.updatedAt, stamp(actor));
	card.set(CARD.updatedBy, actor.userId);
}

function clampProgress(p: number): number {
	return Math.max(0, Math.min(100, Math.round(p)));
}

/** Sets the status; entering "done" records completedAt (and 100 %), leaving it clears completedAt. */
export function setStatus(doc: Y.Doc, cardId: string, status: Status, actor: Actor): void {
	if (!isStatus(status)) throw new Error(`Trạng thái không hợp lệ: ${status}`);
	const card = getCard(doc, cardId);
	doc.transact(() => {
		const before = card.get(CARD.status);
		if (before === status) return;
		card.set(CARD.status, status);
		if (status === 'done') {
			card.set(CARD.completedAt, stamp(actor));
			card.set(CARD.progress, 100);
		} else if (before === 'done') {
			card.set(CARD.completedAt, null);
		}
		touch(card, actor);
	});
}

export function setProgress(doc: Y.Doc, cardId: string, progress: number, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		card.set(CARD.progress, clampProgress(progress));
		touch(card, actor);
	});
}

/** Replaces the whole result text (for forms and imports; live editors bind to resultText instead). */
export function setResult(doc: Y.Doc, cardId: string, text: string, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		const t = card.get(CARD.result) as Y.Text;
		if (t.toString() === text) return;
		t.delete(0, t.length);
		t.insert(0, text);
		touch(card, actor);
	});
}

/** Stamps who last changed a card and when (for edits made through a live binding, such as the result text). */
export function touchCard(doc: Y.Doc, cardId: string, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => touch(card, actor));
}

export function resultText(doc: Y.Doc, cardId: string): Y.Text {
	return getCard(doc, cardId).get(CARD.result) as Y.Text;
}

export function titleText(doc: Y.Doc, cardId: string): Y.Text {
	return getCard(doc, cardId).get(CARD.title) as Y.Text;
}

export function setTitle(doc: Y.Doc, cardId: string, title: string, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		const t = card.get(CARD.title) as Y.Text;
		t.delete(0, t.length);
		t.insert(0, title);
		touch(card, actor);
	});
}

/** Orders of the cards in one status column, sorted. */
export function columnOrders(doc: Y.Doc, status: Status, exceptCardId?: string): { id: string; order: string }[] {
	const out: { id: string; order: string }[] = [];
	cardsMap(doc).forEach((card, id) => {
		if (id !== exceptCardId && card.get(CARD.status) === status) out.push({ id, order: String(card.get(CARD.order)) });
	});
	return out.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
}

function lastOrderIn(doc: Y.Doc, status: Status): string {
	const col = columnOrders(doc, status);
	return generateKeyBetween(col.at(-1)?.order ?? null, null);
}

/**
 * Moves a card into a status column at a position (index among the column's other cards).
 * Order keys are fractional, so two people moving different cards never disturb each other;
 * two cards given the same key by concurrent moves are still ordered, by id.
 */
export function moveCard(doc: Y.Doc, cardId: string, to: { status: Status; index: number }, actor: Actor): void {
	const col = columnOrders(doc, to.status, cardId);
	const i = Math.max(0, Math.min(col.length, to.index));
	const before = col[i - 1]?.order ?? null;
	let after: string | null = col[i]?.order ?? null;
	if (before !== null && after !== null && before >= after) after = null;
	const order = generateKeyBetween(before, after);
	doc.transact(() => {
		const card = getCard(doc, cardId);
		card.set(CARD.order, order);
		if (card.get(CARD.status) !== to.status) setStatus(doc, cardId, to.status, actor);
		else touch(card, actor);
	});
}

export function addComment(doc: Y.Doc, cardId: string, comment: { body: string; id?: string }, actor: Actor): string {
	const body = comment.body.trim();
	if (!body) throw new Error('Bình luận trống');
	const id = comment.id ?? newId();
	const card = getCard(doc, cardId);
	const m = new Y.Map<unknown>();
	doc.transact(() => {
		m.set('id', id);
		m.set('authorId', actor.userId);
		m.set('agencyId', actor.agencyId ?? null);
		m.set('body', body);
		m.set('createdAt', stamp(actor));
		(card.get(CARD.comments) as Y.Array<Y.Map<unknown>>).push([m]);
	});
	return id;
}

function findComment(doc: Y.Doc, cardId: string, commentId: string): Y.Map<unknown> {
	const list = getCard(doc, cardId).get(CARD.comments) as Y.Array<Y.Map<unknown>>;
	const m = list.toArray().find((c) => c.get('id') === commentId);
	if (!m) throw new Error(`Không tìm thấy bình luận ${commentId}`);
	return m;
}

export function editComment(doc: Y.Doc, cardId: string, commentId: string, body: string, actor: Actor): void {
	const m = findComment(doc, cardId, commentId);
	doc.transact(() => {
		m.set('body', body.trim());
		m.set('editedAt', stamp(actor));
	});
}

/** Comments are never removed from the document: a deleted one keeps its place, marked deleted. */
export function deleteComment(doc: Y.Doc, cardId: string, commentId: string, actor: Actor): void {
	const m = findComment(doc, cardId, commentId);
	doc.transact(() => {
		m.set('deleted', true);
		m.set('editedAt', stamp(actor));
	});
}

export function addAttachment(doc: Y.Doc, cardId: string, a: AttachmentData): void {
	const card = getCard(doc, cardId);
	const m = new Y.Map<unknown>();
	doc.transact(() => {
		for (const [k, v] of Object.entries(a)) m.set(k, v);
		(card.get(CARD.attachments) as Y.Array<Y.Map<unknown>>).push([m]);
	});
}

export function readComment(m: Y.Map<unknown>): CommentData {
	const c: CommentData = {
		id: String(m.get('id')),
		authorId: String(m.get('authorId')),
		agencyId: (m.get('agencyId') as string | null) ?? null,
		body: String(m.get('body') ?? ''),
		createdAt: String(m.get('createdAt'))
	};
	const editedAt = m.get('editedAt');
	if (typeof editedAt === 'string') c.editedAt = editedAt;
	if (m.get('deleted') === true) c.deleted = true;
	return c;
}

export function readAttachment(m: Y.Map<unknown>): AttachmentData {
	return {
		id: String(m.get('id')),
		name: String(m.get('name')),
		size: Number(m.get('size')),
		mime: String(m.get('mime')),
		uploadedBy: String(m.get('uploadedBy')),
		uploadedAt: String(m.get('uploadedAt'))
	};
}

function readStringArray(v: unknown): string[] {
	return v instanceof Y.Array ? v.toArray().map(String) : [];
}

export function readStep(m: Y.Map<unknown>): ChecklistStep {
	const due = m.get('due');
	return {
		id: String(m.get('id') ?? ''),
		text: String(m.get('text') ?? ''),
		done: m.get('done') === true,
		due: typeof due === 'string' ? due : null,
		order: String(m.get('order') ?? '')
	};
}

function readChecklist(v: unknown): ChecklistStep[] {
	if (!(v instanceof Y.Array)) return [];
	return v
		.toArray()
		.filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
		.map(readStep)
		.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
}

function readArchived(v: unknown): ArchiveMark | null {
	if (!v || typeof v !== 'object') return null;
	const a = v as Partial<ArchiveMark>;
	return { at: String(a.at ?? ''), by: String(a.by ?? ''), reason: String(a.reason ?? '') };
}

/** A card as plain JSON. Tolerates missing fields (a document is only as good as its writers). */
export function readCard(id: string, card: CardMap): CardData {
	const status = card.get(CARD.status);
	const deadline = card.get(CARD.deadline) as Deadline | undefined;
	const comments = card.get(CARD.comments);
	const attachments = card.get(CARD.attachments);
	return {
		id,
		code: String(card.get(CARD.code) ?? ''),
		sectionId: String(card.get(CARD.sectionId) ?? ''),
		title: String(card.get(CARD.title) ?? ''),
		lead: readStringArray(card.get(CARD.lead)),
		support: readStringArray(card.get(CARD.support)),
		deadline: deadline && typeof deadline === 'object' ? deadline : { raw: '', kind: 'unknown', due: null },
		status: isStatus(status) ? status : 'todo',
		progress: Number(card.get(CARD.progress) ?? 0) || 0,
		completedAt: (card.get(CARD.completedAt) as string | null) ?? null,
		result: String(card.get(CARD.result) ?? ''),
		order: String(card.get(CARD.order) ?? ''),
		comments: comments instanceof Y.Array ? comments.toArray().map(readComment) : [],
		attachments: attachments instanceof Y.Array ? attachments.toArray().map(readAttachment) : [],
		updatedAt: (card.get(CARD.updatedAt) as string | null) ?? null,
		updatedBy: (card.get(CARD.updatedBy) as string | null) ?? null,
		checklist: readChecklist(card.get(CARD.checklist)),
		handler: typeof card.get(CARD.handler) === 'string' ? (card.get(CARD.handler) as string) : null,
		progressFromChecklist: card.get(CARD.progressFromChecklist) === true,
		archived: readArchived(card.get(CARD.archived)),
		labels: [...new Set(readStringArray(card.get(CARD.labels)))]
	};
}

export function readSections(doc: Y.Doc): SectionData[] {
	const out: SectionData[] = [];
	sectionsMap(doc).forEach((s, id) => out.push({ id, code: String(s.get('code')), title: String(s.get('title')), order: Number(s.get('order')) }));
	return out.sort((a, b) => a.order - b.order);
}

export function readMeta(doc: Y.Doc): BoardMeta {
	const m = metaMap(doc);
	return {
		title: String(m.get('title') ?? ''),
		planId: String(m.get('planId') ?? ''),
		appendix: String(m.get('appendix') ?? ''),
		schemaVersion: Number(m.get('schemaVersion') ?? SCHEMA_VERSION)
	};
}

export function readBoard(doc: Y.Doc): BoardData {
	const cards: CardData[] = [];
	cardsMap(doc).forEach((card, id) => cards.push(readCard(id, card)));
	return { meta: readMeta(doc), sections: readSections(doc), cards, labels: readLabels(doc) };
}

/** The board's labels, by name (a document before schema version 3 has none). */
export function readLabels(doc: Y.Doc): LabelData[] {
	if (!doc.share.has(ROOT.labels)) return [];
	const out: LabelData[] = [];
	labelsMap(doc).forEach((m, id) => {
		if (m instanceof Y.Map) out.push({ id, name: String(m.get('name') ?? ''), color: String(m.get('color') ?? 'gray') });
	});
	return out.sort((a, b) => a.name.localeCompare(b.name, 'vi') || (a.id < b.id ? -1 : 1));
}
