/**
 * Accounts and agencies over HTTP (/api/auth, /api/admin, /api/platform): request schemas, with the
 * error code each check answers with, and the shapes of the answers. The server validates with the
 * schemas; the browser uses the types.
 */
import * as v from 'valibot';
import { ROLES, type Role } from '../permissions.js';
import { cleanText, Id } from './text.js';

export const PASSWORD_MIN = 8;
/** scrypt reads the whole password; a bound keeps one request from costing more than a normal sign-in. */
export const PASSWORD_MAX = 256;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export function normalizeUsername(username: string): string {
	return username.normalize('NFC').trim().toLowerCase();
}

/** Roles that act for an agency cannot exist without one. */
export function roleNeedsAgency(role: Role): boolean {
	return role === 'editor' || role === 'viewer';
}

/** POST /api/auth/login. Any strings: a wrong one is a failed sign-in, not malformed input. */
export const LoginBody = v.object({
	username: v.optional(v.string(), ''),
	password: v.optional(v.string(), '')
});

/**
 * POST /api/auth/sessions/end-others: the user's password, typed again. Any string but an empty one:
 * a wrong one is a failed attempt (counted like a failed sign-in), not malformed input.
 */
/** The password typed again, for the actions that end sessions (ASVS 3.3.4): one, the others, or all. */
export const PasswordAgainBody = v.object({
	password: v.pipe(v.optional(v.string('password_required'), ''), v.minLength(1, 'password_required'))
});

export const Password = v.pipe(
	v.string('password_too_short'),
	v.minLength(PASSWORD_MIN, 'password_too_short'),
	v.maxLength(PASSWORD_MAX, 'password_too_long')
);

export const RoleField = v.picklist(ROLES as Role[], 'bad_role');

/** POST /api/admin/users (and the first administrator of a new organization). */
export const NewUserBody = v.pipe(
	v.object({
		// Missing fields read as empty, so that each gets its own code rather than a generic one.
		username: v.pipe(v.optional(v.string('bad_username'), ''), v.transform(normalizeUsername), v.regex(USERNAME, 'bad_username')),
		displayName: v.optional(v.pipe(cleanText(), v.maxLength(120, 'display_name_too_long')), ''),
		password: v.optional(Password, ''),
		role: v.optional(RoleField, '' as Role),
		agencyId: v.optional(v.nullable(Id), null)
	}),
	v.check((b) => !roleNeedsAgency(b.role) || !!b.agencyId, 'agency_required'),
	v.transform((b) => ({ ...b, displayName: b.displayName || b.username, agencyId: b.agencyId || null }))
);
export type NewUserBody = v.InferInput<typeof NewUserBody>;

/** POST /api/admin/users/:id/password */
export const PasswordBody = v.object({ password: v.optional(Password, '') });

/** POST /api/admin/agencies */
export const NewAgencyBody = v.object({
	name: v.pipe(
		v.string('agency_name_length'),
		v.transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim()),
		v.minLength(2, 'agency_name_length'),
		v.maxLength(200, 'agency_name_length')
	),
	shortName: v.optional(
		v.pipe(
			v.string(),
			v.transform((s) => s.trim().slice(0, 40))
		),
		''
	)
});

/** POST /api/admin/agencies/:id/merge */
export const MergeAgencyBody = v.object({
	intoId: v.pipe(v.string('merge_target_required'), v.minLength(1, 'merge_target_required'), v.maxLength(200))
});

/** POST /api/me/organization */
export const SwitchOrganizationBody = v.object({ orgId: Id });

/** An organization's code: lower-case letters, digits and hyphens. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** POST /api/platform/organizations */
export const NewOrganizationBody = v.object({
	slug: v.pipe(
		v.string('bad_slug'),
		v.transform((s) => s.normalize('NFC').trim().toLowerCase()),
		v.regex(SLUG, 'bad_slug')
	),
	name: v.pipe(cleanText(), v.minLength(2, 'organization_name_length'), v.maxLength(200, 'organization_name_length')),
	admin: v.object({
		username: v.string(),
		displayName: v.optional(v.string(), ''),
		password: v.string(),
		agency: v.optional(v.pipe(cleanText(), v.maxLength(200)), '')
	})
});

/** POST /api/platform/organizations/:id/members */
export const NewMembershipBody = v.object({
	username: v.pipe(v.string(), v.transform(normalizeUsername)),
	role: RoleField,
	agencyId: v.optional(v.nullable(Id), null)
});

/** An account as the administration page lists it (GET /api/admin/users). */
export interface AdminUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	agencyId: string | null;
	agencyName: string | null;
	active: boolean;
	createdAt: string;
}

/** An agency as the administration page lists it (GET /api/admin/agencies). */
export interface AdminAgency {
	id: string;
	name: string;
	shortName: string;
	isCollective: boolean;
	/** Other spellings the agency is known by (old names after a merger too). */
	aliases: string[];
	userCount: number;
	/** Cards that name the agency as lead or support (from the card projection). */
	cardCount: number;
}

/** What merging one agency into another moved (POST /api/admin/agencies/:id/merge). */
export interface MergeResult {
	boards: number;
	cards: number;
	users: number;
	aliases: number;
}

/**
 * Why the sync server set an update aside (server/sync/room.ts): a stored piece of the board that
 * Yjs failed on while loading, or could not integrate completely; or a live update Yjs failed on
 * after the guard let it through. The admin panel words the cause in its language.
 */
export const QUARANTINE_CAUSES = ['load_failed', 'load_incomplete', 'apply_failed'] as const;
export type QuarantineCause = (typeof QUARANTINE_CAUSES)[number];

/** A stored cause as a known one (null: none recorded, or one this version does not know). */
export function quarantineCause(value: unknown): QuarantineCause | null {
	return (QUARANTINE_CAUSES as readonly unknown[]).includes(value) ? (value as QuarantineCause) : null;
}

/** An update set aside by the sync server (GET /api/admin/quarantine). */
export interface QuarantineRow {
	id: number;
	boardId: string;
	boardTitle: string | null;
	updateId: number | null;
	userId: string | null;
	userName: string | null;
	/** Null on updates quarantined before causes were recorded. */
	cause: QuarantineCause | null;
	/** The diagnostic (Yjs's error, in English), for developers. */
	reason: string;
	size: number;
	createdAt: string;
}
