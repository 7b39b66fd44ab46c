import type { Kysely } from 'kysely';
import { autoId, columnTypes } from '../server/db/dialect.js';

/**
 * The sync write path's own records: which user owns each Yjs client id on a board (a client id is
 * bound on first use, so that nobody can write under someone else's), and the updates set aside
 * because the board could not load or apply them (kept with who sent them, shown to admins), and
 * which stored rows predate these checks.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const t = columnTypes(db);
	// Rows stored before the write path checked updates are marked: a board holding any is integrated
	// (and what fails quarantined) before its bytes are served to anyone.
	for (const table of ['board_updates', 'board_states']) {
		await db.schema
			.alterTable(table)
			.addColumn('unchecked', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.updateTable(table).set({ unchecked: 1 }).execute();
	}

	await db.schema
		.createTable('board_clients')
		.addColumn('board_id', 'text', (c) => c.notNull())
		.addColumn('client_id', t.int64, (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('board_clients_pk', ['board_id', 'client_id'])
		.execute();
	await db.schema.createIndex('board_clients_user').on('board_clients').columns(['board_id', 'user_id']).execute();

	await db.schema
		.createTable('quarantined_updates')
		.addColumn('id', ...autoId(db))
		.addColumn('board_id', 'text', (c) => c.notNull())
		.addColumn('update_id', t.int64)
		.addColumn('user_id', 'text')
		.addColumn('data', t.bytes, (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('quarantined_updates_board').on('quarantined_updates').columns(['board_id', 'id']).execute();
}
