import type { Kysely } from 'kysely';

/**
 * Scale-out (issue 14): a card's rows record the board sequence number of the document they were
 * projected from. A node writes a card's rows only if it has seen at least as much of the board as
 * the node that wrote them last, so a node that lags behind can never put back an older card.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('cards')
		.addColumn('projected_seq', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}
