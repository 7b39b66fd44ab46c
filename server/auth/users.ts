import type { DB } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { newId } from '../../src/lib/core/ids.js';
import { hashPassword } from './password.js';

export interface NewUserInput {
	username: string;
	displayName: string;
	password: string;
	role: Role;
	agencyId: string | null;
}

export async function createUser(db: DB, input: NewUserInput): Promise<string> {
	const id = newId();
	await db
		.insertInto('users')
		.values({
			id,
			username: input.username.trim().toLowerCase(),
			display_name: input.displayName.normalize('NFC'),
			password_hash: await hashPassword(input.password),
			role: input.role,
			agency_id: input.agencyId,
			active: 1,
			created_at: new Date().toISOString()
		})
		.execute();
	return id;
}
