import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../server/db/dialect.js';

/**
 * Scale-out (issue 14): every accepted update gets a number in its board's own sequence (1, 2, 3…),
 * allocated from `board_heads` in the transaction that stores it. Nodes of a cluster relay updates to
 * each other with these numbers, so a node that missed one sees the gap and reads it back from the
 * database. `board_states.last_update_id` becomes the last sequence number folded into the state.
 *
 * Existing logs are renumbered per board (in id order). Compaction always deleted the log up to
 * `last_update_id`, so every remaining row comes after the state: the state's number becomes 0.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('board_updates')
		.addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await sql`update board_updates set seq = (select count(*) from board_updates b2
		where b2.board_id = board_updates.board_id and b2.id <= board_updates.id)`.execute(db);
	await db.updateTable('board_states').set({ last_update_id: 0 }).execute();
	await db.schema
		.createTable('board_heads')
		.addColumn('board_id', 'text', (c) => c.primaryKey())
		.addColumn('seq', 'integer', (c) => c.notNull())
		.execute();
	await sql`insert into board_heads (board_id, seq)
		select board_id, max(seq) from board_updates group by board_id`.execute(db);
	// Yjs client ids are unsigned 32-bit: beyond PostgreSQL's integer (SQLite's integer holds them).
	if (dialectOf(db) === 'postgres') {
		await sql`alter table board_clients alter column client_id type bigint`.execute(db);
	}
	// One quarter-end snapshot per board and quarter, whichever node takes it (scale-out).
	await sql`create unique index snapshots_quarter_once on snapshots (board_id, period) where kind = 'quarter'`.execute(db);
	await db.schema.createIndex('board_updates_seq').on('board_updates').columns(['board_id', 'seq']).unique().execute();
}
