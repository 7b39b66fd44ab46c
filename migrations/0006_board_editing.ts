import type { Kysely } from 'kysely';

/**
 * Board editing (issue 16): the cards projection learns a card's handler (cán bộ phụ trách, for
 * "Việc của tôi") and whether it is archived (archived tasks leave counts and lists).
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('cards').addColumn('handler_id', 'text').execute();
	await db.schema.alterTable('cards').addColumn('archived_at', 'text').execute();
	await db.schema.createIndex('cards_handler').on('cards').column('handler_id').execute();
}
