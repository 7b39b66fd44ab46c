/**
 * Checking a username and password. An unknown username costs the same scrypt work as a known one
 * (it is verified against a dummy hash), so neither the answer nor its timing tells which accounts exist.
 */
import { randomBytes } from 'node:crypto';
import type { DB } from '../db/database.js';
import type { User } from '../db/schema.js';
import { hashPassword, verifyPassword } from './password.js';

let dummyHash: Promise<string> | null = null;

/** A hash of a random password with the current parameters, made once per process. */
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(randomBytes(16).toString('base64'));
	return dummyHash;
}

export function normalizeUsername(username: string): string {
	return username.normalize('NFC').trim().toLowerCase();
}

export type CredentialCheck = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'inactive' };

/** 'inactive' only when the password was right: a deactivated account is not revealed to guessers. */
export async function checkCredentials(db: DB, username: string, password: string): Promise<CredentialCheck> {
	const user = await db.selectFrom('users').selectAll().where('username', '=', normalizeUsername(username)).executeTakeFirst();
	const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
	if (!user || !ok) return { ok: false, reason: 'invalid' };
	if (!user.active) return { ok: false, reason: 'inactive' };
	return { ok: true, user };
}
