/**
 * The permission and schema hook of the sync server: given where an update writes (update-structure.ts),
 * decides before anything is applied, stored or relayed whether this user may write every slot it
 * touches (rules in src/lib/core/permissions.ts) and whether every value fits the board document's
 * schema (src/lib/core/board-schema.ts); says which cards and fields it changes (for the activity log).
 */
import * as Y from 'yjs';
import { CARD, cardsMap, labelsMap, ROOT, sectionsMap } from '../../src/lib/core/board-doc.js';
import {
	CARD_KEYS,
	CARD_OPTIONAL_TYPE_FIELDS,
	CARD_OPTIONAL_VALUE_RULES,
	CARD_TYPE_FIELDS,
	CARD_VALUE_RULES,
	COMMENT_RULES,
	LABEL_RULES,
	LIMITS,
	META_RULES,
	SECTION_RULES,
	STEP_RULES,
	isId
} from '../../src/lib/core/board-schema.js';
import { cardAbilities, isBoardManager, isReadOnlyRole, mayAssignHandler, mayChangeComment, type Subject } from '../../src/lib/core/permissions.js';
import { keyAt, type Deletion, type NewItem, type Segment, type UpdateStructure } from './update-structure.js';
import type { ActivityRow } from './board-store.js';
import type { GuardRefusalCode, SyncRefusal } from '../../src/lib/core/sync-refusal-codes.js';

export type Verdict = { ok: true; activity: ActivityRow[] } | { ok: false; refusal: SyncRefusal };

export interface GuardContext {
	subject: Subject;
	isCollective: (agencyId: string) => boolean;
	/** Whether an agency id exists (lead and support columns may only name real agencies). */
	agencyExists: (agencyId: string) => boolean;
	/**
	 * The agency of an active user (null: none, undefined: no such user). A card's handler must be a
	 * user of a lead agency; without this function no handler can be assigned.
	 */
	userAgency?: (userId: string) => string | null | undefined;
}

/** Card fields an agency leading the card may write (its work on the task). */
const WORK_FIELDS = new Set<string>([
	CARD.status,
	CARD.progress,
	CARD.completedAt,
	CARD.result,
	CARD.order,
	CARD.updatedAt,
	CARD.updatedBy,
	CARD.checklist,
	CARD.handler,
	CARD.progressFromChecklist,
	CARD.labels
]);

/** What the activity row of a field change says about the new value (status, progress, deadline, handler, archive). */
function detailOf(field: string, value: unknown): string | null {
	if (field === CARD.status || field === CARD.progress || field === CARD.handler) return value === null ? null : String(value);
	if (field === CARD.deadline) return String((value as { raw?: unknown }).raw ?? '');
	if (field === CARD.archived) return value === null ? '' : String((value as { reason?: unknown }).reason ?? '');
	return null;
}

/** A refusal: its code (src/lib/core/sync-refusal-codes.ts); the browser words it in the interface language. */
class Refusal extends Error {
	constructor(readonly code: GuardRefusalCode) {
		super(code);
	}
}
const no = (code: GuardRefusalCode): never => {
	throw new Refusal(code);
};

function single(n: NewItem): unknown {
	if (n.content.kind !== 'values' || n.content.values.length !== 1) no('schema_mismatch');
	return (n.content as { values: unknown[] }).values[0];
}

/** The Y.Map holding an item (an integrated one, or null when it is new in the update). */
function docMapOf(parentItem: Y.Item | null): Y.Map<unknown> | null {
	if (!parentItem || !(parentItem.content instanceof Y.ContentType)) return null;
	const t = parentItem.content.type;
	return t instanceof Y.Map ? (t as Y.Map<unknown>) : null;
}

/** The check of one update, with what it learns along the way (new comments, new cards, text growth). */
class UpdateCheck {
	private readonly manager: boolean;
	readonly activity: ActivityRow[] = [];
	private seen = new Set<string>();
	/** Keys written into each new map (a new card, section or comment must come complete). */
	private newMaps = new Map<Y.Item, { kind: 'card' | 'section' | 'comment' | 'step' | 'label'; keys: Set<string>; cardId: string }>();
	/** Map slots written by this update (a deletion of a value must come with its replacement). */
	private written = new Set<string>();
	private textGrowth = new Map<Y.Item | string, number>();
	private commentIds = new Map<string, Set<string>>();
	private stepIds = new Map<string, Set<string>>();
	private newSections = new Set<string>();
	/** Labels created and removed by this update, and the label ids it puts on cards (checked at the end). */
	private newLabels = new Set<string>();
	private removedLabels = new Set<string>();
	private labelsOnCards = new Set<string>();

	constructor(
		private doc: Y.Doc,
		private ctx: GuardContext
	) {
		this.manager = isBoardManager(ctx.subject.role);
	}

	private card(cardId: string): Y.Map<unknown> | undefined {
		return cardsMap(this.doc).get(cardId);
	}

	private abilities(cardId: string) {
		const card = this.card(cardId);
		if (!card) return this.manager ? cardAbilities(this.ctx.subject, { lead: [], support: [] }, this.ctx.isCollective) : no('card_missing');
		const agencies = {
			lead: (card.get(CARD.lead) as Y.Array<string> | undefined)?.toArray() ?? [],
			support: (card.get(CARD.support) as Y.Array<string> | undefined)?.toArray() ?? []
		};
		return cardAbilities(this.ctx.subject, agencies, this.ctx.isCollective);
	}

	private record(cardId: string | null, field: string, detail: string | null) {
		const k = `${cardId}\u0000${field}`;
		if (this.seen.has(k)) return;
		this.seen.add(k);
		this.activity.push({ cardId, field, detail });
	}

	private mayWork(cardId: string) {
		if (!this.abilities(cardId).work) no('work_lead_only');
	}

	private mayStructure() {
		if (!this.manager) no('assignment_managers_only');
	}

	insert(n: NewItem): void {
		const path = n.path;
		const root = keyAt(path, 0);
		if (n.content.kind === 'deleted') {
			// A placeholder for content the sender created and removed again: it needs the right to write there.
			return this.checkSlotRight(path, n.parentItem, true);
		}
		if (root === 'meta') {
			if (!this.manager) no('board_managers_only');
			const key = keyAt(path, 1);
			if (path.length !== 2 || !key || !META_RULES[key] || !META_RULES[key](single(n))) no('schema_mismatch');
			return this.record(null, `meta.${key}`, null);
		}
		if (root === 'sections') return this.insertSection(n);
		if (root === 'cards') return this.insertCard(n);
		if (root === ROOT.labels) return this.insertLabel(n);
		no('schema_mismatch');
	}

	private labelExists(labelId: string): boolean {
		return this.newLabels.has(labelId) || (this.doc.share.has(ROOT.labels) && labelsMap(this.doc).has(labelId));
	}

	/** The board's label set (labels/<id>/<name|color>): managers only. */
	private insertLabel(n: NewItem) {
		if (!this.manager) no('labels_managers_only');
		const labelId = keyAt(n.path, 1);
		if (!labelId || !isId(labelId)) no('schema_mismatch');
		if (n.path.length === 2) {
			if (n.content.kind !== 'map' || this.labelExists(labelId!)) no('schema_mismatch');
			this.newLabels.add(labelId!);
			const existing = this.doc.share.has(ROOT.labels) ? labelsMap(this.doc).size : 0;
			if (existing + this.newLabels.size > LIMITS.boardLabels) no('too_many_labels');
			this.newMaps.set(n.item, { kind: 'label', keys: new Set(), cardId: labelId! });
			return this.record(null, 'labels', labelId!);
		}
		const key = keyAt(n.path, 2);
		if (n.path.length !== 3 || !key || !LABEL_RULES[key] || !LABEL_RULES[key](single(n))) no('schema_mismatch');
		this.noteKey(n, key!);
		this.record(null, 'labels', labelId!);
	}

	/** A label on a card (cards/<id>/labels/<n>): ids of the board's labels; managers and the lead agency. */
	private insertCardLabel(n: NewItem, cardId: string) {
		this.mayWork(cardId);
		if (n.path.length !== 4 || !('element' in n.path[3]) || n.content.kind !== 'values') no('schema_mismatch');
		for (const v of (n.content as { values: unknown[] }).values) {
			if (typeof v !== 'string' || !this.labelExists(v)) no('label_missing');
			this.labelsOnCards.add(v as string);
		}
		this.growText(n, LIMITS.cardLabels);
		this.record(cardId, CARD.labels, null);
	}

	private insertSection(n: NewItem) {
		if (!this.manager) no('board_managers_only');
		const sectionId = keyAt(n.path, 1);
		if (!sectionId || !isId(sectionId)) no('schema_mismatch');
		if (n.path.length === 2) {
			if (n.content.kind !== 'map' || sectionsMap(this.doc).has(sectionId!)) no('schema_mismatch');
			this.newMaps.set(n.item, { kind: 'section', keys: new Set(), cardId: sectionId! });
			this.newSections.add(sectionId!);
			return this.record(null, 'section', sectionId!);
		}
		const key = keyAt(n.path, 2);
		if (n.path.length !== 3 || !key || !SECTION_RULES[key] || !SECTION_RULES[key](single(n))) no('schema_mismatch');
		this.noteKey(n, key!);
		this.record(null, 'section', sectionId!);
	}

	private noteKey(n: NewItem, key: string) {
		if (n.parentIsNew && n.parentItem) this.newMaps.get(n.parentItem)?.keys.add(key);
		if (n.parentItem) this.written.add(`${n.parentItem.id.client}:${n.parentItem.id.clock}/${key}`);
	}

	private insertCard(n: NewItem) {
		const path = n.path;
		const cardId = keyAt(path, 1);
		if (!cardId || !isId(cardId)) no('schema_mismatch');
		if (path.length === 2) {
			// A new card: managers only, under an id not in use, complete (checked at the end).
			this.mayStructure();
			if (n.content.kind !== 'map' || this.card(cardId!)) no('schema_mismatch');
			this.newMaps.set(n.item, { kind: 'card', keys: new Set(), cardId: cardId! });
			return this.record(cardId!, 'create', null);
		}
		const field = keyAt(path, 2);
		if (!field) no('schema_mismatch');
		if (path.length === 3) return this.insertCardField(n, cardId!, field!);
		const typeKind = CARD_TYPE_FIELDS[field!] ?? CARD_OPTIONAL_TYPE_FIELDS[field!];
		if (!typeKind) no('schema_mismatch');
		if (field === CARD.attachments) no('attachments_server_only');
		if (field === CARD.comments) return this.insertComment(n, cardId!);
		if (field === CARD.checklist) return this.insertStep(n, cardId!);
		if (field === CARD.labels) return this.insertCardLabel(n, cardId!);
		if (path.length !== 4 || !('element' in path[3])) no('schema_mismatch');
		if (typeKind === 'text') {
			if (n.content.kind !== 'string') no('schema_mismatch');
			if (field === CARD.title) this.mayStructure();
			else this.mayWork(cardId!);
			this.growText(n, field === CARD.title ? LIMITS.titleChars : LIMITS.resultChars);
			return this.record(cardId!, field!, null);
		}
		// lead / support: agency ids that exist
		this.mayStructure();
		if (n.content.kind !== 'values') no('schema_mismatch');
		for (const v of (n.content as { values: unknown[] }).values) {
			if (typeof v !== 'string' || !this.ctx.agencyExists(v)) no('agency_missing');
		}
		this.growText(n, LIMITS.agenciesPerColumn);
		this.record(cardId!, field!, null);
	}

	/** Keeps a text (or list) within its limit: its current length plus what this update adds. */
	private growText(n: NewItem, limit: number) {
		const key: Y.Item | string = n.parentItem ?? 'root';
		let total = this.textGrowth.get(key);
		if (total === undefined) {
			const t = n.parentItem?.content instanceof Y.ContentType ? n.parentItem.content.type : null;
			total = t && !n.parentIsNew ? (t as Y.AbstractType<unknown>)._length : 0;
		}
		total += n.item.length;
		if (total > limit) no('too_long');
		this.textGrowth.set(key, total);
	}

	private insertCardField(n: NewItem, cardId: string, field: string) {
		const typeKind = CARD_TYPE_FIELDS[field] ?? CARD_OPTIONAL_TYPE_FIELDS[field];
		if (typeKind) {
			// A new shared type in a card: only as part of a new card, or by a manager; except the
			// checklist (or labels) of a card written before schema version 2 (3), which its lead agency may start.
			const startable = field === CARD.checklist || field === CARD.labels;
			if (!n.parentIsNew) {
				if (startable && !(this.card(cardId)?.get(field) instanceof Y.Array)) this.mayWork(cardId);
				else if (startable && !this.manager) no('checklist_exists');
				else this.mayStructure();
			}
			if (n.content.kind !== typeKind) no('schema_mismatch');
			if (startable && !n.parentIsNew) this.record(cardId, field, null);
		} else {
			const rule = CARD_VALUE_RULES[field] ?? CARD_OPTIONAL_VALUE_RULES[field];
			if (!rule) no('schema_mismatch');
			const value = single(n);
			if (!rule(value)) no('schema_mismatch');
			if (field === CARD.updatedBy && value !== null && value !== this.ctx.subject.id) no('signed_by_other');
			if (field === CARD.sectionId && !this.newSections.has(value as string) && !sectionsMap(this.doc).has(value as string)) {
				no('section_missing');
			}
			if (!n.parentIsNew) {
				if (WORK_FIELDS.has(field)) this.mayWork(cardId);
				else this.mayStructure();
			}
			if (field === CARD.handler && value !== null) {
				// Checked against the card's lead agencies as they stand before this update.
				const card = n.parentIsNew ? undefined : this.card(cardId);
				const agencies = {
					lead: (card?.get(CARD.lead) as Y.Array<string> | undefined)?.toArray() ?? [],
					support: (card?.get(CARD.support) as Y.Array<string> | undefined)?.toArray() ?? []
				};
				const agencyId = this.ctx.userAgency?.(value as string) ?? null;
				if (!mayAssignHandler(this.ctx.subject, agencies, agencyId, this.ctx.isCollective)) no('handler_not_lead');
			}
			if (field === CARD.archived && value !== null && (value as { by: unknown }).by !== this.ctx.subject.id) no('archive_managers_only');
			if (field !== CARD.updatedAt && field !== CARD.updatedBy && field !== CARD.completedAt && !n.parentIsNew) {
				this.record(cardId, field, detailOf(field, value));
			}
		}
		this.noteKey(n, field);
	}

	private existingCommentIds(cardId: string): Set<string> {
		let ids = this.commentIds.get(cardId);
		if (!ids) {
			ids = new Set();
			const list = this.card(cardId)?.get(CARD.comments);
			if (list instanceof Y.Array) for (const m of list.toArray()) if (m instanceof Y.Map) ids.add(String(m.get('id')));
			this.commentIds.set(cardId, ids);
		}
		return ids;
	}

	private insertComment(n: NewItem, cardId: string) {
		const path = n.path;
		if (path.length === 4) {
			// A new comment: a map in the card's comment list.
			if (!('element' in path[3]) || n.content.kind !== 'map') no('schema_mismatch');
			if (!this.abilities(cardId).comment) no('comment_not_involved');
			this.newMaps.set(n.item, { kind: 'comment', keys: new Set(), cardId });
			return this.record(cardId, 'comment', null);
		}
		const key = keyAt(path, 4);
		const rule = key ? COMMENT_RULES[key] : undefined;
		if (path.length !== 5 || !key || !rule) no('schema_mismatch');
		const value = single(n);
		if (!rule!.rule(value)) no('schema_mismatch');
		if (n.parentIsNew) {
			if (key === 'authorId' && value !== this.ctx.subject.id) no('comment_author');
			if (key === 'agencyId' && value !== this.ctx.subject.agencyId) no('comment_author');
			if (key === 'id') {
				const ids = this.existingCommentIds(cardId);
				if (ids.has(value as string)) no('comment_id_taken');
				ids.add(value as string);
			}
		} else {
			const author = docMapOf(n.parentItem)?.get('authorId');
			if (typeof author !== 'string' || !mayChangeComment(this.ctx.subject, author, key!)) no('comment_not_yours');
			this.record(cardId, 'comment', null);
		}
		this.noteKey(n, key!);
	}

	private existingStepIds(cardId: string): Set<string> {
		let ids = this.stepIds.get(cardId);
		if (!ids) {
			ids = new Set();
			const list = this.card(cardId)?.get(CARD.checklist);
			if (list instanceof Y.Array) for (const m of list.toArray()) if (m instanceof Y.Map) ids.add(String(m.get('id')));
			this.stepIds.set(cardId, ids);
		}
		return ids;
	}

	/** A checklist step (cards/<id>/checklist/<n>/<key>): the lead agency's and the managers' to write. */
	private insertStep(n: NewItem, cardId: string) {
		const path = n.path;
		this.mayWork(cardId);
		if (path.length === 4) {
			if (!('element' in path[3]) || n.content.kind !== 'map') no('schema_mismatch');
			this.growText(n, LIMITS.checklistSteps);
			this.newMaps.set(n.item, { kind: 'step', keys: new Set(), cardId });
			return this.record(cardId, 'checklist', null);
		}
		const key = keyAt(path, 4);
		const rule = key ? STEP_RULES[key] : undefined;
		if (path.length !== 5 || !key || !rule) no('schema_mismatch');
		const value = single(n);
		if (!rule!.rule(value)) no('schema_mismatch');
		if (key === 'id') {
			// A step's id is given once, when it is created, and is unique on the card.
			if (!n.parentIsNew) no('schema_mismatch');
			const ids = this.existingStepIds(cardId);
			if (ids.has(value as string)) no('step_id_taken');
			ids.add(value as string);
		}
		if (!n.parentIsNew) this.record(cardId, 'checklist', null);
		this.noteKey(n, key!);
	}

	/** The right to write (or remove) at a slot, without looking at a value. */
	private checkSlotRight(path: Segment[], parentItem: Y.Item | null, isInsert: boolean) {
		const root = keyAt(path, 0);
		if (root !== 'cards') {
			if (!this.manager) no('board_managers_only');
			return;
		}
		const cardId = keyAt(path, 1);
		const field = keyAt(path, 2);
		if (!cardId) no('schema_mismatch');
		if (!field) return this.mayStructure();
		if (field === CARD.attachments) no('attachments_server_only');
		if (field === CARD.comments) {
			if (path.length === 4) {
				if (isInsert) {
					if (!this.abilities(cardId!).comment) no('comment_not_involved');
					return;
				}
				no('comment_removed');
			}
			const key = keyAt(path, 4) ?? '';
			const author = docMapOf(parentItem)?.get('authorId');
			if (isInsert && !docMapOf(parentItem)) return; // inside a comment new in this update
			if (typeof author !== 'string' || !mayChangeComment(this.ctx.subject, author, key)) no('comment_not_yours');
			return;
		}
		if (WORK_FIELDS.has(field!)) return this.mayWork(cardId!);
		this.mayStructure();
	}

	remove(d: Deletion): void {
		if (d.cascade) return; // follows from the removal of an ancestor, checked on its own
		const path = d.path;
		const parentItem = (d.item.parent as Y.AbstractType<unknown> | null)?._item ?? null;
		this.checkSlotRight(path, parentItem, false);
		const root = keyAt(path, 0);
		const last = path[path.length - 1];
		// A value under a key may only be replaced (the update writes the same key), never left empty;
		// whole cards and sections are the managers' to remove.
		const isKeyed = 'key' in last;
		const removesEntry = (root === 'cards' || root === 'sections' || root === ROOT.labels) && path.length === 2;
		if (root === ROOT.labels && path.length === 2 && 'key' in last) {
			this.removedLabels.add(last.key);
			this.record(null, 'labels', last.key);
		}
		if (isKeyed && !removesEntry) {
			const holder = parentItem ? `${parentItem.id.client}:${parentItem.id.clock}/${last.key}` : null;
			if (!holder || !this.written.has(holder)) {
				if (root === 'meta' && this.manager) return;
				no('required_missing');
			}
		}
		if (root === 'cards') {
			const cardId = keyAt(path, 1);
			const field = keyAt(path, 2) ?? 'delete';
			if (field !== CARD.updatedAt && field !== CARD.updatedBy && field !== CARD.completedAt && !isKeyed) {
				this.record(cardId, field === CARD.comments ? 'comment' : field, null);
			}
		}
	}

	/** New maps must come complete: every key of a card, a section, or the required keys of a comment. */
	finish(): void {
		for (const id of this.labelsOnCards) if (this.removedLabels.has(id)) no('label_missing');
		for (const { kind, keys } of this.newMaps.values()) {
			const required =
				kind === 'card'
					? CARD_KEYS
					: kind === 'section'
						? Object.keys(SECTION_RULES)
						: kind === 'label'
							? Object.keys(LABEL_RULES)
							: Object.entries(kind === 'step' ? STEP_RULES : COMMENT_RULES)
									.filter(([, r]) => r.required)
									.map(([k]) => k);
			for (const k of required) if (!keys.has(k)) no('required_missing');
		}
	}
}

/** Checks an update whose structure was read (analyzeUpdate). */
export function checkUpdate(doc: Y.Doc, ctx: GuardContext, structure: UpdateStructure): Verdict {
	if (isReadOnlyRole(ctx.subject.role)) return { ok: false, refusal: { code: 'read_only' } };
	const check = new UpdateCheck(doc, ctx);
	try {
		for (const n of structure.inserts) check.insert(n);
		for (const d of structure.deletes) check.remove(d);
		check.finish();
	} catch (err) {
		if (err instanceof Refusal) return { ok: false, refusal: { code: err.code } };
		throw err;
	}
	return { ok: true, activity: check.activity };
}
