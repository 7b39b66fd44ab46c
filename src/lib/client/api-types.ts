/** Shapes of the server's JSON answers that the board UI reads. */
import type { CardData, SectionData } from '../core/board-types.js';
import type { Role } from '../core/permissions.js';

export interface AgencyRef {
	id: string;
	name: string;
	shortName: string;
}

export interface Me {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	agencyId: string | null;
	agency: AgencyRef | null;
	/** The organization the user works in now. */
	orgId: string;
	platformAdmin: boolean;
}

/** An organization (steering committee) the user belongs to, with the user's role there. */
export interface OrganizationRef {
	id: string;
	slug: string;
	name: string;
	role: Role;
}

export interface Agency extends AgencyRef {
	isCollective: boolean;
}

export interface Person {
	id: string;
	displayName: string;
	agencyId: string | null;
}

export interface BoardCounts {
	tasks: number;
	done: number;
	overdue: number;
	mine: number;
}

export interface BoardSummary {
	id: string;
	title: string;
	planId: string;
	appendix: string;
	derived: boolean;
	planTitle: string;
	planNumber: string | null;
	planDate: string | null;
	counts?: BoardCounts;
}

export interface BoardSnapshot {
	id: string;
	title: string;
	planId: string;
	appendix: string;
	sections: SectionData[];
	cards: (CardData & { commentCount: number; attachmentCount: number })[];
}

export interface ActivityEntry {
	id: number | string;
	cardId: string | null;
	cardCode: string | null;
	field: string;
	detail: string | null;
	at: string;
	userId: string | null;
	userName: string | null;
	/** Consecutive text edits merged into this entry, and when the first was made (server/boards/activity-history.ts). */
	edits?: number;
	since?: string;
}
