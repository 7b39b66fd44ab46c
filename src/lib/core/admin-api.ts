/**
 * Shapes of answers shared by the server and the browser (the server builds them, pages read them):
 * kept once here rather than copied on each side.
 */

/** A member of the steering committee and the communes the member follows (GET /api/members). */
export interface CommitteeMember {
	id: string;
	planId: string;
	planTitle: string;
	stt: string;
	name: string;
	position: string;
	areas: string[];
	/** The organization's agency read from the position, or null. */
	agencyId: string | null;
}

/** An update set aside by the sync server (GET /api/admin/quarantine). */
export interface QuarantineRow {
	id: number;
	boardId: string;
	boardTitle: string | null;
	updateId: number | null;
	userId: string | null;
	userName: string | null;
	reason: string;
	size: number;
	createdAt: string;
}
