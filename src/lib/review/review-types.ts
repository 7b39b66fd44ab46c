/** JSON shapes of review sessions (phiên rà soát), as the server sends them and the pages read them. */
import type { Status } from '../core/board-types.js';

/** Why a card is on the agenda, in agenda order. */
export const AGENDA_BUCKETS = ['due', 'overdue', 'blocked', 'other'] as const;
export type AgendaBucket = (typeof AGENDA_BUCKETS)[number];

export type ReviewStatus = 'open' | 'closed';

export interface ReviewItem {
	id: string;
	cardId: string;
	position: number;
	bucket: AgendaBucket;
	agencyId: string | null;
	agencyName: string | null;
	code: string;
	title: string;
	statusBefore: Status;
	conclusion: string;
	decision: Status | null;
	followUp: string;
	followUpAgencyId: string | null;
	followUpAgencyName: string | null;
	followUpDue: string | null;
	/** Time spent on the item before it last became current (the running part is now − currentSince). */
	elapsedMs: number;
	recordedAt: string | null;
	recordedBy: string | null;
}

export interface ReviewAttendee {
	userId: string;
	name: string;
	role: string;
	agencyName: string | null;
	joinedAt: string;
}

export interface ReviewSession {
	id: string;
	boardId: string;
	boardTitle: string;
	year: number;
	quarter: number;
	title: string;
	status: ReviewStatus;
	facilitatorId: string;
	facilitatorName: string;
	controllerId: string;
	controllerName: string;
	currentItemId: string | null;
	currentSince: string | null;
	asOf: string;
	createdAt: string;
	startedAt: string | null;
	closedAt: string | null;
	snapshotId: string | null;
	items: ReviewItem[];
	attendees: ReviewAttendee[];
	/** The server's clock when this was sent, so timers do not depend on the viewer's clock. */
	serverNow: string;
}

export interface ReviewListEntry {
	id: string;
	title: string;
	year: number;
	quarter: number;
	status: ReviewStatus;
	createdAt: string;
	closedAt: string | null;
	snapshotId: string | null;
	itemCount: number;
	recordedCount: number;
}

/** What a facilitator records for one card. */
export interface ReviewRecordInput {
	conclusion: string;
	decision: Status | null;
	followUp: string;
	followUpAgencyId: string | null;
	followUpDue: string | null;
}

/**
 * The awareness field a review client publishes on the board's sync room. Followers take the
 * current item from the controller's state; `rev` changes whenever something was recorded, so they
 * know to fetch the session again.
 */
export interface ReviewAwareness {
	sessionId: string;
	itemId: string | null;
	controllerId: string;
	rev: number;
}
