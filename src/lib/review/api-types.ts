/** JSON shapes of the snapshot, dashboard and inbox endpoints, shared by the server and the pages. */
import type { InboxText } from '../core/api/inbox.js';
import type { BoardSummary, CategoryCounts, SummaryIndicator } from './board-summary.js';

export type SnapshotKind = 'manual' | 'review' | 'quarter';

export interface SnapshotMeta {
	id: string;
	boardId: string;
	name: string;
	kind: SnapshotKind;
	period: string | null;
	reviewId: string | null;
	takenAt: string;
	takenBy: string | null;
	takenByName: string | null;
	asOf: string;
	counts: CategoryCounts;
}

/** GET /api/snapshots/:id */
export type SnapshotJson = BoardSummary & SnapshotMeta;

export interface AgencyFigures {
	agencyId: string;
	name: string;
	shortName: string;
	counts: CategoryCounts;
	total: number;
}

export interface TrendPoint {
	snapshotId: string;
	name: string;
	takenAt: string;
	asOf: string;
	counts: CategoryCounts;
}

export interface DashboardData {
	boardId: string;
	title: string;
	asOf: string;
	snapshot: { id: string; name: string; takenAt: string } | null;
	overall: { counts: CategoryCounts; total: number };
	byAgency: AgencyFigures[];
	trend: TrendPoint[];
	indicators: SummaryIndicator[];
}

export interface LateTask {
	id: string;
	code: string;
	title: string;
	due: string | null;
	deadlineRaw: string;
}

export interface LateAgency {
	agencyId: string;
	name: string;
	tasks: LateTask[];
	lastRemindedAt: string | null;
}

export type InboxKind = 'reminder' | 'follow-up' | 'mention' | 'handler' | 'comment' | 'due-soon' | 'due-tomorrow' | 'overdue';

export interface InboxMessage {
	id: string;
	agencyId: string;
	boardId: string | null;
	boardTitle: string | null;
	kind: InboxKind;
	/** The title in Vietnamese (for scripts): as written for older messages, else worded from `text`. */
	title: string;
	/** The body in Vietnamese (for scripts), or a person's own words (a comment) when `text` has no body. */
	body: string;
	/** The title and body as codes the page words in its language; null for messages stored before codes. */
	text: InboxText | null;
	cardIds: string[];
	/** The cards it names, with their codes (null when the card is gone), for links that open them. */
	cards: { id: string; code: string | null }[];
	senderId: string | null;
	senderName: string | null;
	createdAt: string;
	read: boolean;
}
