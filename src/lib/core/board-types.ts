/** Plain (JSON) shapes of the board document; the Y.Doc layout itself is in board-doc.ts. */

export const STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;
export type Status = (typeof STATUSES)[number];

export function isStatus(value: unknown): value is Status {
	return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export type DeadlineKind = 'date' | 'quarter' | 'year' | 'recurring' | 'done' | 'unknown';

export interface Deadline {
	raw: string;
	kind: DeadlineKind;
	due: string | null;
}

export interface BoardMeta {
	title: string;
	planId: string;
	appendix: string;
	schemaVersion: number;
}

export interface SectionData {
	id: string;
	code: string;
	title: string;
	order: number;
}

export interface CommentData {
	id: string;
	authorId: string;
	agencyId: string | null;
	body: string;
	createdAt: string;
	editedAt?: string;
	deleted?: boolean;
}

export interface AttachmentData {
	id: string;
	name: string;
	size: number;
	mime: string;
	uploadedBy: string;
	uploadedAt: string;
}

/** One step of a lead agency's breakdown of a task (the card's checklist). */
export interface ChecklistStep {
	id: string;
	text: string;
	done: boolean;
	/** The step's own date, if it has one. */
	due: string | null;
	/** Fractional-index key: steps are shown in this order. */
	order: string;
}

/** A task taken off the board by a manager: kept, shown on demand, restorable. */
export interface ArchiveMark {
	at: string;
	by: string;
	reason: string;
}

export interface CardData {
	id: string;
	code: string;
	sectionId: string;
	title: string;
	lead: string[];
	support: string[];
	deadline: Deadline;
	status: Status;
	progress: number;
	completedAt: string | null;
	result: string;
	order: string;
	comments: CommentData[];
	attachments: AttachmentData[];
	updatedAt: string | null;
	updatedBy: string | null;
	/** Schema version 2 (absent on older cards: read as empty). */
	checklist: ChecklistStep[];
	/** Cán bộ phụ trách: a user of a lead agency, or null. */
	handler: string | null;
	/** Progress follows the checklist (done steps / all steps) when set. */
	progressFromChecklist: boolean;
	archived: ArchiveMark | null;
	/** Schema version 3: ids of the board's labels set on the card (absent on older cards: read as []). */
	labels: string[];
}

/** One of the board's labels (schema version 3), e.g. "Ưu tiên"; the colour is one of LABEL_COLORS. */
export interface LabelData {
	id: string;
	name: string;
	color: string;
}

export interface BoardData {
	meta: BoardMeta;
	sections: SectionData[];
	cards: CardData[];
	/** The board's labels, by name. */
	labels: LabelData[];
}
