/**
 * Editing a board after its plan was issued (schema version 2): managers add tasks and sections,
 * change a task's title, code, agencies, deadline and section, archive and restore tasks; a lead
 * agency breaks a task into checklist steps and names its handler. Typed accessors over the layout
 * of board-doc.ts; the sync server checks every one of these writes (server/sync/document-guard.ts).
 */
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { newId } from './ids.js';
import { addSection, CARD, cardsMap, createCard, getCard, labelsMap, readSections, sectionsMap, type Actor, type CardMap } from './board-doc.js';
import { LABEL_COLORS, LABEL_RULES, LIMITS, type LabelColor } from './board-schema.js';
import type { Deadline } from './board-types.js';

function stamp(actor: Actor): string {
	return (actor.now ?? new Date()).toISOString();
}

function touch(card: CardMap, actor: Actor) {
	card.set(CARD.updatedAt, stamp(actor));
	card.set(CARD.updatedBy, actor.userId);
}

// — tasks —

export interface TaskInit {
	sectionId: string;
	code: string;
	title: string;
	lead: string[];
	support: string[];
	deadline: Deadline;
}

/** Adds a task at the end of the "not started" column. */
export function addTask(doc: Y.Doc, init: TaskInit, actor: Actor): string {
	if (!sectionsMap(doc).has(init.sectionId)) throw new Error('Phần của kế hoạch không tồn tại');
	const title = init.title.trim();
	if (!title) throw new Error('Nhiệm vụ cần có tên');
	return createCard(doc, { ...init, title, code: init.code.trim() }, actor);
}

/**
 * The code proposed for a new task of a section: one more than the highest number among the
 * section's codes ("II.3" → "II.4"), or the section's code and ".1" for an empty section.
 */
export function nextCodeInSection(doc: Y.Doc, sectionId: string): string {
	let best = 0;
	let prefix: string | null = null;
	cardsMap(doc).forEach((card) => {
		if (card.get(CARD.sectionId) !== sectionId) return;
		const m = /^(.*?)(\d+)$/.exec(String(card.get(CARD.code) ?? '').trim());
		if (!m) return;
		const n = Number(m[2]);
		if (n >= best) {
			best = n;
			prefix = m[1];
		}
	});
	if (prefix !== null) return `${prefix}${best + 1}`;
	const code = String(sectionsMap(doc).get(sectionId)?.get('code') ?? '').trim();
	return code ? `${code}.1` : '1';
}

export function setCode(doc: Y.Doc, cardId: string, code: string, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		if (card.get(CARD.code) === code.trim()) return;
		card.set(CARD.code, code.trim());
		touch(card, actor);
	});
}

function replaceArray(a: Y.Array<string>, values: readonly string[]) {
	const now = a.toArray();
	if (now.length === values.length && now.every((v, i) => v === values[i])) return false;
	a.delete(0, a.length);
	a.insert(0, [...values]);
	return true;
}

/**
 * Sets the lead and supporting agencies. The handler belongs to a lead agency: when the caller says
 * the handler's agency no longer leads (`dropHandler`), the handler is cleared in the same change.
 */
export function setAgencies(
	doc: Y.Doc,
	cardId: string,
	agencies: { lead: readonly string[]; support: readonly string[] },
	actor: Actor,
	options: { dropHandler?: boolean } = {}
): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		const lead = replaceArray(card.get(CARD.lead) as Y.Array<string>, [...new Set(agencies.lead)]);
		const support = replaceArray(
			card.get(CARD.support) as Y.Array<string>,
			[...new Set(agencies.support)].filter((a) => !agencies.lead.includes(a))
		);
		if (options.dropHandler && card.get(CARD.handler)) card.set(CARD.handler, null);
		if (lead || support) touch(card, actor);
	});
}

/** Sets the deadline (read by parseDeadline, the importer's parser, from a phrase or a date). */
export function setDeadline(doc: Y.Doc, cardId: string, deadline: Deadline, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		const before = card.get(CARD.deadline) as Deadline | undefined;
		if (before && before.raw === deadline.raw && before.kind === deadline.kind && before.due === deadline.due) return;
		card.set(CARD.deadline, { raw: deadline.raw, kind: deadline.kind, due: deadline.due });
		touch(card, actor);
	});
}

export function moveToSection(doc: Y.Doc, cardId: string, sectionId: string, actor: Actor): void {
	if (!sectionsMap(doc).has(sectionId)) throw new Error('Phần của kế hoạch không tồn tại');
	const card = getCard(doc, cardId);
	doc.transact(() => {
		if (card.get(CARD.sectionId) === sectionId) return;
		card.set(CARD.sectionId, sectionId);
		touch(card, actor);
	});
}

/** Archives a task: it leaves the board's columns, categories and counts, and is never deleted. */
export function archiveCard(doc: Y.Doc, cardId: string, reason: string, actor: Actor): void {
	const why = reason.trim();
	if (!why) throw new Error('Cần ghi lý do lưu trữ');
	const card = getCard(doc, cardId);
	doc.transact(() => {
		card.set(CARD.archived, { at: stamp(actor), by: actor.userId, reason: why });
		touch(card, actor);
	});
}

export function restoreCard(doc: Y.Doc, cardId: string, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		if (!card.get(CARD.archived)) return;
		card.set(CARD.archived, null);
		touch(card, actor);
	});
}

// — sections —

/** Adds a section after the last one. */
export function appendSection(doc: Y.Doc, init: { code: string; title: string }, actor?: Actor): string {
	void actor;
	const last = readSections(doc).at(-1);
	let id = '';
	doc.transact(() => {
		id = addSection(doc, { code: init.code.trim(), title: init.title.trim() }, last ? last.order + 1 : 0);
	});
	return id;
}

export function renameSection(doc: Y.Doc, sectionId: string, change: { code?: string; title?: string }): void {
	const s = sectionsMap(doc).get(sectionId);
	if (!s) throw new Error('Phần của kế hoạch không tồn tại');
	doc.transact(() => {
		if (change.code !== undefined && s.get('code') !== change.code.trim()) s.set('code', change.code.trim());
		if (change.title !== undefined && s.get('title') !== change.title.trim()) s.set('title', change.title.trim());
	});
}

/** Moves a section to a position among the sections; the others keep their relative order. */
export function moveSection(doc: Y.Doc, sectionId: string, index: number): void {
	const list = readSections(doc);
	const from = list.findIndex((s) => s.id === sectionId);
	if (from < 0) throw new Error('Phần của kế hoạch không tồn tại');
	const [moved] = list.splice(from, 1);
	list.splice(Math.max(0, Math.min(list.length, index)), 0, moved);
	doc.transact(() => {
		list.forEach((s, i) => {
			const m = sectionsMap(doc).get(s.id)!;
			if (m.get('order') !== i) m.set('order', i);
		});
	});
}

// — the lead agency's breakdown: checklist and handler —

function stepsOf(doc: Y.Doc, cardId: string, create: boolean): Y.Array<Y.Map<unknown>> | null {
	const card = getCard(doc, cardId);
	const list = card.get(CARD.checklist);
	if (list instanceof Y.Array) return list as Y.Array<Y.Map<unknown>>;
	if (!create) return null;
	// A card written before schema version 2 gets its list on its first step.
	const fresh = new Y.Array<Y.Map<unknown>>();
	card.set(CARD.checklist, fresh);
	return fresh;
}

function sortedSteps(list: Y.Array<Y.Map<unknown>>): Y.Map<unknown>[] {
	return list
		.toArray()
		.filter((m) => m instanceof Y.Map)
		.sort((a, b) => {
			const x = String(a.get('order'));
			const y = String(b.get('order'));
			return x < y ? -1 : x > y ? 1 : String(a.get('id')) < String(b.get('id')) ? -1 : 1;
		});
}

function findStep(doc: Y.Doc, cardId: string, stepId: string): Y.Map<unknown> {
	const list = stepsOf(doc, cardId, false);
	const m = list?.toArray().find((x) => x.get('id') === stepId);
	if (!m) throw new Error(`Không tìm thấy bước ${stepId}`);
	return m;
}

/** When the card's progress follows its checklist: done steps over all steps. */
function followChecklist(doc: Y.Doc, cardId: string) {
	const card = getCard(doc, cardId);
	if (card.get(CARD.progressFromChecklist) !== true) return;
	const list = stepsOf(doc, cardId, false);
	const steps = list ? list.toArray() : [];
	const p = steps.length === 0 ? 0 : Math.round((100 * steps.filter((m) => m.get('done') === true).length) / steps.length);
	if (card.get(CARD.progress) !== p) card.set(CARD.progress, p);
}

export function addStep(doc: Y.Doc, cardId: string, step: { text: string; due?: string | null; id?: string }, actor: Actor): string {
	const text = step.text.trim();
	if (!text) throw new Error('Bước cần có nội dung');
	const id = step.id ?? newId();
	doc.transact(() => {
		const list = stepsOf(doc, cardId, true)!;
		const last = sortedSteps(list).at(-1);
		const m = new Y.Map<unknown>();
		m.set('id', id);
		m.set('text', text);
		m.set('done', false);
		m.set('order', generateKeyBetween(last ? String(last.get('order')) : null, null));
		if (step.due) m.set('due', step.due);
		list.push([m]);
		followChecklist(doc, cardId);
		touch(getCard(doc, cardId), actor);
	});
	return id;
}

export function setStepDone(doc: Y.Doc, cardId: string, stepId: string, done: boolean, actor: Actor): void {
	const m = findStep(doc, cardId, stepId);
	doc.transact(() => {
		if (m.get('done') === done) return;
		m.set('done', done);
		followChecklist(doc, cardId);
		touch(getCard(doc, cardId), actor);
	});
}

export function setStepText(doc: Y.Doc, cardId: string, stepId: string, text: string, actor: Actor): void {
	const value = text.trim();
	if (!value) throw new Error('Bước cần có nội dung');
	const m = findStep(doc, cardId, stepId);
	doc.transact(() => {
		if (m.get('text') === value) return;
		m.set('text', value);
		touch(getCard(doc, cardId), actor);
	});
}

export function setStepDue(doc: Y.Doc, cardId: string, stepId: string, due: string | null, actor: Actor): void {
	const m = findStep(doc, cardId, stepId);
	doc.transact(() => {
		if ((m.get('due') ?? null) === due) return;
		m.set('due', due);
		touch(getCard(doc, cardId), actor);
	});
}

/** Moves a step to a position among the others (a new order key: concurrent ticks are kept). */
export function moveStep(doc: Y.Doc, cardId: string, stepId: string, index: number, actor: Actor): void {
	const list = stepsOf(doc, cardId, false);
	if (!list) return;
	const others = sortedSteps(list).filter((m) => m.get('id') !== stepId);
	const m = findStep(doc, cardId, stepId);
	const i = Math.max(0, Math.min(others.length, index));
	const before = i > 0 ? String(others[i - 1].get('order')) : null;
	let after: string | null = i < others.length ? String(others[i].get('order')) : null;
	if (before !== null && after !== null && before >= after) after = null;
	doc.transact(() => {
		m.set('order', generateKeyBetween(before, after));
		touch(getCard(doc, cardId), actor);
	});
}

export function removeStep(doc: Y.Doc, cardId: string, stepId: string, actor: Actor): void {
	const list = stepsOf(doc, cardId, false);
	if (!list) return;
	const i = list.toArray().findIndex((m) => m.get('id') === stepId);
	if (i < 0) return;
	doc.transact(() => {
		list.delete(i, 1);
		followChecklist(doc, cardId);
		touch(getCard(doc, cardId), actor);
	});
}

export function setProgressFromChecklist(doc: Y.Doc, cardId: string, on: boolean, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		card.set(CARD.progressFromChecklist, on);
		if (on) followChecklist(doc, cardId);
		touch(card, actor);
	});
}

/** Names the card's handler (cán bộ phụ trách), a user of a lead agency; null clears it. */
export function setHandler(doc: Y.Doc, cardId: string, userId: string | null, actor: Actor): void {
	const card = getCard(doc, cardId);
	doc.transact(() => {
		if ((card.get(CARD.handler) ?? null) === userId) return;
		card.set(CARD.handler, userId);
		touch(card, actor);
	});
}

// — labels (schema version 3) —

function checkLabelName(name: string): string {
	const n = name.trim();
	if (!LABEL_RULES.name(n)) throw new Error(`Tên nhãn cần từ 1 đến ${LIMITS.labelChars} ký tự`);
	return n;
}

function checkColor(color: string): LabelColor {
	if (!(LABEL_COLORS as readonly string[]).includes(color)) throw new Error('Màu nhãn không thuộc bảng màu');
	return color as LabelColor;
}

/** Adds a label to the board (managers): a name and a colour of LABEL_COLORS. */
export function createLabel(doc: Y.Doc, init: { name: string; color: string; id?: string }): string {
	const name = checkLabelName(init.name);
	const color = checkColor(init.color);
	const labels = labelsMap(doc);
	if (labels.size >= LIMITS.boardLabels) throw new Error(`Một bảng có tối đa ${LIMITS.boardLabels} nhãn`);
	const id = init.id ?? newId();
	const m = new Y.Map<unknown>();
	m.set('name', name);
	m.set('color', color);
	labels.set(id, m);
	return id;
}

export function renameLabel(doc: Y.Doc, labelId: string, name: string): void {
	const m = labelsMap(doc).get(labelId);
	if (!m) throw new Error('Nhãn không tồn tại');
	const n = checkLabelName(name);
	if (m.get('name') !== n) m.set('name', n);
}

export function setLabelColor(doc: Y.Doc, labelId: string, color: string): void {
	const m = labelsMap(doc).get(labelId);
	if (!m) throw new Error('Nhãn không tồn tại');
	const c = checkColor(color);
	if (m.get('color') !== c) m.set('color', c);
}

/** Removes a label from the board and from every card that carries it (managers). */
export function removeLabel(doc: Y.Doc, labelId: string): void {
	doc.transact(() => {
		cardsMap(doc).forEach((card) => {
			const list = card.get(CARD.labels);
			if (!(list instanceof Y.Array)) return;
			for (let i = list.length - 1; i >= 0; i--) if (list.get(i) === labelId) list.delete(i, 1);
		});
		labelsMap(doc).delete(labelId);
	});
}

/** Sets or clears one of the board's labels on a card (managers and the card's lead agency). */
export function setCardLabel(doc: Y.Doc, cardId: string, labelId: string, on: boolean, actor: Actor): void {
	const card = getCard(doc, cardId);
	if (on && !labelsMap(doc).has(labelId)) throw new Error('Nhãn không tồn tại');
	doc.transact(() => {
		let list = card.get(CARD.labels);
		const has = list instanceof Y.Array && list.toArray().includes(labelId);
		if (has === on) return;
		if (on) {
			if (!(list instanceof Y.Array)) {
				// A card written before schema version 3: its first label starts the list.
				list = new Y.Array<string>();
				card.set(CARD.labels, list);
			}
			const l = list as Y.Array<string>;
			if (l.length >= LIMITS.cardLabels) throw new Error(`Một nhiệm vụ có tối đa ${LIMITS.cardLabels} nhãn`);
			l.push([labelId]);
		} else {
			const l = list as Y.Array<string>;
			for (let i = l.length - 1; i >= 0; i--) if (l.get(i) === labelId) l.delete(i, 1);
		}
		touch(card, actor);
	});
}
