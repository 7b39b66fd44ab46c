/** Accounts: creation, listing, password reset and (de)activation. Sessions are ended by the callers. */
import type { DB } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { newId } from '../../src/lib/core/ids.js';
import { hashPassword } from './password.js';
import { normalizeUsername } from './credentials.js';
import type { AdminUser } from '../../src/lib/core/api/accounts.js';

export interface NewUserInput {
	/** The organization the account is created in (its first membership). */
	orgId: string;
	username: string;
	displayName: string;
	password: string;
	role: Role;
	agencyId: string | null;
	/** Where notifications are mailed (none = in the app only). */
	email?: string | null;
}

/** An account as the administration page lists it: the shape the browser reads (src/lib/core/api). */
export type UserSummary = AdminUser;

/** Creates an account and its membership of the organization it is created in (one transaction). */
export async function createUser(db: DB, input: NewUserInput & { platformAdmin?: boolean }): Promise<string> {
	const id = newId();
	const now = new Date().toISOString();
	const passwordHash = await hashPassword(input.password);
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('users')
			.values({
				id,
				username: normalizeUsername(input.username),
				display_name: input.displayName.normalize('NFC'),
				password_hash: passwordHash,
				org_id: input.orgId,
				role: input.role,
				agency_id: input.agencyId,
				platform_admin: input.platformAdmin ? 1 : 0,
				active: 1,
				created_at: now,
				email: input.email?.trim() || null
			})
			.execute();
		await trx
			.insertInto('memberships')
			.values({ user_id: id, org_id: input.orgId, role: input.role, agency_id: input.agencyId, created_at: now })
			.execute();
	});
	return id;
}

/** Adds an existing account to another organization, with a role and an agency there. */
export async function addMembership(db: DB, userId: string, orgId: string, role: Role, agencyId: string | null): Promise<void> {
	await db
		.insertInto('memberships')
		.values({ user_id: userId, org_id: orgId, role, agency_id: agencyId, created_at: new Date().toISOString() })
		.onConflict((oc) => oc.columns(['user_id', 'org_id']).doUpdateSet({ role, agency_id: agencyId }))
		.execute();
}

/**
 * Makes one of the user's memberships the current one: the account's organization, role and agency
 * become that membership's. False when the user is not a member there.
 */
export async function switchOrganization(db: DB, userId: string, orgId: string): Promise<boolean> {
	const m = await db.selectFrom('memberships').selectAll().where('user_id', '=', userId).where('org_id', '=', orgId).executeTakeFirst();
	if (!m) return false;
	await db.updateTable('users').set({ org_id: m.org_id, role: m.role, agency_id: m.agency_id }).where('id', '=', userId).execute();
	return true;
}

export async function usernameTaken(db: DB, username: string): Promise<boolean> {
	const row = await db.selectFrom('users').select('id').where('username', '=', normalizeUsername(username)).executeTakeFirst();
	return !!row;
}

/** The members of an organization, with their role and agency there. */
function userQuery(db: DB, orgId: string) {
	return db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.user_id')
		.leftJoin('agencies', 'agencies.id', 'memberships.agency_id')
		.select([
			'users.id',
			'users.username',
			'users.display_name',
			'memberships.role',
			'memberships.agency_id',
			'agencies.name as agency_name',
			'users.active',
			'users.created_at'
		])
		.where('memberships.org_id', '=', orgId);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: UserRow): UserSummary {
	return {
		id: r.id,
		username: r.username,
		displayName: r.display_name,
		role: r.role,
		agencyId: r.agency_id,
		agencyName: r.agency_name ?? null,
		active: !!r.active,
		createdAt: r.created_at
	};
}

export async function listUsers(db: DB, orgId: string): Promise<UserSummary[]> {
	const rows = await userQuery(db, orgId).orderBy('users.username').execute();
	return rows.map(toSummary);
}

/** A member of the organization, or null (also for an account that exists only elsewhere). */
export async function findUser(db: DB, orgId: string, id: string): Promise<UserSummary | null> {
	const row = await userQuery(db, orgId).where('users.id', '=', id).executeTakeFirst();
	return row ? toSummary(row) : null;
}

export async function setPassword(db: DB, userId: string, password: string): Promise<void> {
	await db
		.updateTable('users')
		.set({ password_hash: await hashPassword(password) })
		.where('id', '=', userId)
		.execute();
}

export async function setActive(db: DB, userId: string, active: boolean): Promise<void> {
	await db
		.updateTable('users')
		.set({ active: active ? 1 : 0 })
		.where('id', '=', userId)
		.execute();
}
