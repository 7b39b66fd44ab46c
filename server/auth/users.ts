/** Accounts: creation, listing, password reset and (de)activation. Sessions are ended by the callers. */
import type { DB } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { newId } from '../../src/lib/core/ids.js';
import { hashPassword } from './password.js';
import { normalizeUsername } from './credentials.js';

export interface NewUserInput {
	username: string;
	displayName: string;
	password: string;
	role: Role;
	agencyId: string | null;
	/** Where notifications are mailed (none = in the app only). */
	email?: string | null;
}

export interface UserSummary {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	agencyId: string | null;
	agencyName: string | null;
	active: boolean;
	createdAt: string;
}

export async function createUser(db: DB, input: NewUserInput): Promise<string> {
	const id = newId();
	await db
		.insertInto('users')
		.values({
			id,
			username: normalizeUsername(input.username),
			display_name: input.displayName.normalize('NFC'),
			password_hash: await hashPassword(input.password),
			role: input.role,
			agency_id: input.agencyId,
			active: 1,
			created_at: new Date().toISOString(),
			email: input.email?.trim() || null
		})
		.execute();
	return id;
}

export async function usernameTaken(db: DB, username: string): Promise<boolean> {
	const row = await db.selectFrom('users').select('id').where('username', '=', normalizeUsername(username)).executeTakeFirst();
	return !!row;
}

function userQuery(db: DB) {
	return db
		.selectFrom('users')
		.leftJoin('agencies', 'agencies.id', 'users.agency_id')
		.select([
			'users.id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.agency_id',
			'agencies.name as agency_name',
			'users.active',
			'users.created_at'
		]);
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

export async function listUsers(db: DB): Promise<UserSummary[]> {
	const rows = await userQuery(db).orderBy('users.username').execute();
	return rows.map(toSummary);
}

export async function findUser(db: DB, id: string): Promise<UserSummary | null> {
	const row = await userQuery(db).where('users.id', '=', id).executeTakeFirst();
	return row ? toSummary(row) : null;
}

export async function setPassword(db: DB, userId: string, password: string): Promise<void> {
	await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', userId).execute();
}

export async function setActive(db: DB, userId: string, active: boolean): Promise<void> {
	await db.updateTable('users').set({ active: active ? 1 : 0 }).where('id', '=', userId).execute();
}
