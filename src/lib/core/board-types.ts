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
}

export interface BoardData {
	meta: BoardMeta;
	sections: SectionData[];
	cards: CardData[];
}
