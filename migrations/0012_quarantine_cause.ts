import type { Kysely } from 'kysely';

/**
 * Sync refusals as codes: a quarantined update records why it was set aside as a code
 * (`load_failed`, `load_incomplete`, `apply_failed`; src/lib/core/api/accounts.ts) that the admin
 * panel words in its language, beside `reason`, the diagnostic for developers. Rows quarantined
 * before have none (null) and show their reason alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('quarantined_updates').addColumn('cause', 'text').execute();
}
