import type { Kysely } from 'kysely';
import { columnTypes } from '../server/db/dialect.js';

/**
 * Scale-out (issue 14): on PostgreSQL the bytes of attachments live in the database, so that every
 * node serves every file and a pg_dump backs them up with the rest. (The embedded SQLite deployment
 * keeps them as files under DATA_DIR/attachments; this table stays empty there.)
 */
export async function up(db: Kysely<any>): Promise<void> {
	const blob = columnTypes(db).bytes;
	await db.schema
		.createTable('attachment_blobs')
		.addColumn('sha256', 'text', (c) => c.primaryKey())
		.addColumn('data', blob, (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}
