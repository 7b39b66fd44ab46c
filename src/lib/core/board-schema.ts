/**
 * What the board document may hold, slot by slot: the value rules every write must satisfy (the sync
 * server refuses any update that breaks one; docs/board-document.md lists them). Isomorphic: no Yjs.
 */
import { STATUSES, type DeadlineKind } from './board-types.js';

export const LIMITS = {
	/** Characters of a card's title. */
	titleChars: 2_000,
	/** Characters of a card's result (kết quả thực hiện). */
	resultChars: 100_000,
	/** Characters of one comment. */
	commentChars: 10_000,
	/** Characters of short strings: codes, ids, names, deadline phrases. */
	shortChars: 500,
	/** Agencies in a lead or support column. */
	agenciesPerColumn: 200,
	/** Steps in one card's checklist. */
	checklistSteps: 100,
	/** Labels a board defines. */
	boardLabels: 50,
	/** Labels on one card. */
	cardLabels: 20,
	/** Characters of a label's name. */
	labelChars: 40
} as const;

/** The fixed palette of label colours (names; the UI maps each to a colour with enough contrast). */
export const LABEL_COLORS = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'gray'] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

/** Keys of a board label (labels/<id>) and their value rules; a new label comes with both. */
export const LABEL_RULES: Record<string, (v: unknown) => boolean> = {
	name: (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= LIMITS.labelChars,
	color: (v) => typeof v === 'string' && (LABEL_COLORS as readonly string[]).includes(v)
};

const DEADLINE_KINDS: readonly DeadlineKind[] = ['date', 'quarter', 'year', 'recurring', 'done', 'unknown'];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Fractional-index keys (fractional-indexing's base-62 alphabet). */
const ORDER_KEY = /^[0-9A-Za-z]{1,100}$/;

export function isShortString(v: unknown, min = 0): v is string {
	return typeof v === 'string' && v.length >= min && v.length <= LIMITS.shortChars;
}

export function isId(v: unknown): v is string {
	return typeof v === 'string' && ID.test(v);
}

export function isIsoInstant(v: unknown): v is string {
	return typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
}

export function isIsoDate(v: unknown): v is string {
	if (typeof v !== 'string') return false;
	const m = ISO_DATE.exec(v);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isOrderKey(v: unknown): v is string {
	return typeof v === 'string' && ORDER_KEY.test(v);
}

export function isProgress(v: unknown): v is number {
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100;
}

export function isDeadline(v: unknown): boolean {
	if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
	const d = v as Record<string, unknown>;
	const keys = Object.keys(d);
	if (keys.length !== 3 || !keys.every((k) => k === 'raw' || k === 'kind' || k === 'due')) return false;
	return isShortString(d.raw) && (DEADLINE_KINDS as readonly unknown[]).includes(d.kind) && (d.due === null || isIsoDate(d.due));
}

export function isStatusValue(v: unknown): boolean {
	return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

/** Plain (non-shared-type) card fields and the rule for their values. */
export const CARD_VALUE_RULES: Record<string, (v: unknown) => boolean> = {
	code: (v) => isShortString(v) && (v as string).length <= 40,
	sectionId: isId,
	deadline: isDeadline,
	status: isStatusValue,
	progress: isProgress,
	completedAt: (v) => v === null || isIsoInstant(v),
	order: isOrderKey,
	updatedAt: (v) => v === null || isIsoInstant(v),
	updatedBy: (v) => v === null || isId(v)
};

export function isArchiveMark(v: unknown): boolean {
	if (v === null) return true;
	if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
	const a = v as Record<string, unknown>;
	const keys = Object.keys(a);
	if (keys.length !== 3 || !keys.every((k) => k === 'at' || k === 'by' || k === 'reason')) return false;
	return isIsoInstant(a.at) && isId(a.by) && isShortString(a.reason) && (a.reason as string).trim().length > 0;
}

/**
 * Card fields added by schema version 2. Optional: cards written before have none of them and read
 * as empty (no checklist, no handler, not archived); a new card may come without them.
 */
export const CARD_OPTIONAL_VALUE_RULES: Record<string, (v: unknown) => boolean> = {
	handler: (v) => v === null || isId(v),
	progressFromChecklist: (v) => typeof v === 'boolean',
	archived: isArchiveMark
};

/** Card fields that hold a shared type, and which. */
export const CARD_TYPE_FIELDS: Record<string, 'text' | 'array'> = {
	title: 'text',
	result: 'text',
	lead: 'array',
	support: 'array',
	comments: 'array',
	attachments: 'array'
};

/** Shared-type card fields of schema version 2 (optional, like CARD_OPTIONAL_VALUE_RULES). */
export const CARD_OPTIONAL_TYPE_FIELDS: Record<string, 'array'> = {
	checklist: 'array',
	/** Schema version 3: ids of the board's labels (labels/<id>). */
	labels: 'array'
};

/** Every key a new card must come with. */
export const CARD_KEYS = [...Object.keys(CARD_VALUE_RULES), ...Object.keys(CARD_TYPE_FIELDS)];

/** Every key a card may hold. */
export const CARD_ALL_KEYS = [...CARD_KEYS, ...Object.keys(CARD_OPTIONAL_VALUE_RULES), ...Object.keys(CARD_OPTIONAL_TYPE_FIELDS)];

/** Keys of a checklist step and their value rules; `required` ones must all come with a new step. */
export const STEP_RULES: Record<string, { rule: (v: unknown) => boolean; required: boolean }> = {
	id: { rule: isId, required: true },
	text: { rule: (v) => isShortString(v) && (v as string).trim().length > 0, required: true },
	done: { rule: (v) => typeof v === 'boolean', required: true },
	order: { rule: isOrderKey, required: true },
	due: { rule: (v) => v === null || isIsoDate(v), required: false }
};

/** Keys of a comment and their value rules; `required` ones must all come with a new comment. */
export const COMMENT_RULES: Record<string, { rule: (v: unknown) => boolean; required: boolean }> = {
	id: { rule: isId, required: true },
	authorId: { rule: isId, required: true },
	agencyId: { rule: (v) => v === null || isId(v), required: true },
	body: { rule: (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= LIMITS.commentChars, required: true },
	createdAt: { rule: isIsoInstant, required: true },
	editedAt: { rule: isIsoInstant, required: false },
	deleted: { rule: (v) => typeof v === 'boolean', required: false }
};

export const SECTION_RULES: Record<string, (v: unknown) => boolean> = {
	code: (v) => isShortString(v) && (v as string).length <= 20,
	title: (v) => isShortString(v),
	order: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000
};

export const META_RULES: Record<string, (v: unknown) => boolean> = {
	title: (v) => isShortString(v),
	planId: (v) => isShortString(v),
	appendix: (v) => isShortString(v),
	schemaVersion: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1000
};
