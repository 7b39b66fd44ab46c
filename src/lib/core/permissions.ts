/**
 * Who may do what on a board: one rule set, used by the server to check every update and by the UI
 * to show controls as enabled or disabled (with the reason).
 */
export type Role = 'admin' | 'facilitator' | 'editor' | 'viewer' | 'leader';
export const ROLES: readonly Role[] = ['admin', 'facilitator', 'editor', 'viewer', 'leader'];

export interface Subject {
	id: string;
	role: Role;
	agencyId: string | null;
}

/** A card's agencies, as far as rights are concerned. */
export interface CardAgencies {
	lead: readonly string[];
	support: readonly string[];
}

export type Relation = 'lead' | 'support' | 'none';

export interface CardAbilities {
	/** status, progress, result, order, checklist, handler (from the subject's own agency) */
	work: boolean;
	comment: boolean;
	attach: boolean;
	/** lead, support, deadline, code, section, title, archive and restore */
	structure: boolean;
	/** Why `work` is not allowed, for the UI (a message key of the catalogue). */
	reason: 'readOnlyRole' | 'notLead' | null;
}

/** Roles whose connections are read-only: their document updates are dropped. */
export function isReadOnlyRole(role: Role): boolean {
	return role === 'viewer' || role === 'leader';
}

/** Roles that edit every card of a board (the standing office and the meeting's facilitator). */
export function isBoardManager(role: Role): boolean {
	return role === 'admin' || role === 'facilitator';
}

/**
 * The subject's agency on a card. A collective in the support column ("Các sở, ngành, địa phương")
 * makes every agency a supporter.
 */
export function relationTo(subject: Subject, card: CardAgencies, isCollective: (agencyId: string) => boolean): Relation {
	const a = subject.agencyId;
	if (a && card.lead.includes(a)) return 'lead';
	if (a && card.support.includes(a)) return 'support';
	if (card.support.some(isCollective) || card.lead.some(isCollective)) return 'support';
	return 'none';
}

export function cardAbilities(subject: Subject, card: CardAgencies, isCollective: (agencyId: string) => boolean): CardAbilities {
	if (isReadOnlyRole(subject.role)) {
		return { work: false, comment: false, attach: false, structure: false, reason: 'readOnlyRole' };
	}
	if (isBoardManager(subject.role)) {
		return { work: true, comment: true, attach: true, structure: true, reason: null };
	}
	const rel = relationTo(subject, card, isCollective);
	return {
		work: rel === 'lead',
		comment: rel !== 'none',
		attach: rel !== 'none',
		structure: false,
		reason: rel === 'lead' ? null : 'notLead'
	};
}

/**
 * Whether a subject may make a user of `handlerAgencyId` the card's handler (cán bộ phụ trách): the
 * handler always belongs to a lead agency; a lead agency's editor picks from their own agency, a
 * manager from any lead agency.
 */
export function mayAssignHandler(
	subject: Subject,
	card: CardAgencies,
	handlerAgencyId: string | null,
	isCollective: (agencyId: string) => boolean
): boolean {
	if (!handlerAgencyId || !card.lead.includes(handlerAgencyId)) return false;
	if (isBoardManager(subject.role)) return true;
	return cardAbilities(subject, card, isCollective).work && subject.agencyId === handlerAgencyId;
}

/** Whether a subject may change a comment written by `authorId` (only "deleted" for admins hiding one). */
export function mayChangeComment(subject: Subject, authorId: string, key: string): boolean {
	if (isReadOnlyRole(subject.role)) return false;
	if (authorId === subject.id) return key === 'body' || key === 'editedAt' || key === 'deleted';
	return subject.role === 'admin' && (key === 'deleted' || key === 'editedAt');
}
