import type { Kysely } from 'kysely';
import { columnTypes } from '../server/db/dialect.js';

/**
 * Work in progress between an upload and its confirmation (an import preview, a returned workbook
 * under review) moves from one process's memory into the database, so that the next request of the
 * same person may land on any node of a cluster. Nothing else reads it: a draft is JSON, owned by the
 * user who made it, and swept once it has been left alone too long.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const t = columnTypes(db);
	await db.schema
		.createTable('drafts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		/** "import" or "roundtrip". */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('org_id', 'text', (c) => c.notNull())
		.addColumn('value_json', 'text', (c) => c.notNull())
		/** Milliseconds since 1970 of the last use; the sweep goes by it. */
		.addColumn('touched_at', t.int64, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('drafts_kind_touched').on('drafts').columns(['kind', 'touched_at']).execute();
}
