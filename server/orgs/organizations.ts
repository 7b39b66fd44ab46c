/**
 * Organizations: a steering committee (of a province, a city or a ministry) with its own agencies,
 * people, plans and boards. Nothing crosses from one to another; a user may belong to several.
 */
import type { DB } from '../db/database.js';
import { newId } from '../../src/lib/core/ids.js';

export interface Organization {
	id: string;
	slug: string;
	name: string;
}

/** A slug names an organization in URLs and on the command line: lower-case ASCII, digits, hyphens. */
export { SLUG } from '../../src/lib/core/api/accounts.js';

export async function findOrganization(db: DB, slugOrId: string): Promise<Organization | null> {
	const row = await db
		.selectFrom('organizations')
		.select(['id', 'slug', 'name'])
		.where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
		.executeTakeFirst();
	return row ?? null;
}

export async function listOrganizations(db: DB): Promise<Organization[]> {
	return db.selectFrom('organizations').select(['id', 'slug', 'name']).orderBy('name').execute();
}

export async function createOrganization(db: DB, slug: string, name: string): Promise<Organization> {
	const org = { id: newId(), slug, name: name.normalize('NFC').trim() };
	await db
		.insertInto('organizations')
		.values({ ...org, created_at: new Date().toISOString() })
		.execute();
	return org;
}

/** The organization with this slug, created with this name if there is none. */
export async function ensureOrganization(db: DB, slug: string, name: string): Promise<Organization> {
	return (await findOrganization(db, slug)) ?? createOrganization(db, slug, name);
}
