import type { Kysely } from 'kysely';
import { columnTypes } from '../server/db/dialect.js';

/** Snapshots of boards, quarterly review sessions (agenda, attendees, minutes) and agency inboxes. */
export async function up(db: Kysely<any>): Promise<void> {
	const t = columnTypes(db);
	await db.schema
		.createTable('snapshots')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('period', 'text')
		.addColumn('review_id', 'text')
		.addColumn('taken_at', 'text', (c) => c.notNull())
		.addColumn('taken_by', 'text')
		.addColumn('as_of', 'text', (c) => c.notNull())
		.addColumn('state', t.bytes, (c) => c.notNull())
		.addColumn('summary_json', 'text', (c) => c.notNull())
		.addColumn('counts_json', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('snapshots_board').on('snapshots').columns(['board_id', 'taken_at']).execute();

	await db.schema
		.createTable('review_sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('quarter', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('facilitator_id', 'text', (c) => c.notNull())
		.addColumn('controller_id', 'text', (c) => c.notNull())
		.addColumn('current_item_id', 'text')
		.addColumn('current_since', 'text')
		.addColumn('as_of', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text')
		.addColumn('closed_at', 'text')
		.addColumn('snapshot_id', 'text')
		.execute();
	await db.schema.createIndex('review_sessions_board').on('review_sessions').columns(['board_id', 'created_at']).execute();

	await db.schema
		.createTable('review_items')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('session_id', 'text', (c) => c.notNull().references('review_sessions.id').onDelete('cascade'))
		.addColumn('card_id', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('bucket', 'text', (c) => c.notNull())
		.addColumn('agency_id', 'text')
		.addColumn('card_code', 'text', (c) => c.notNull())
		.addColumn('card_title', 'text', (c) => c.notNull())
		.addColumn('status_before', 'text', (c) => c.notNull())
		.addColumn('conclusion', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('decision', 'text')
		.addColumn('follow_up', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('follow_up_agency_id', 'text')
		.addColumn('follow_up_due', 'text')
		.addColumn('elapsed_ms', t.int64, (c) => c.notNull().defaultTo(0))
		.addColumn('recorded_at', 'text')
		.addColumn('recorded_by', 'text')
		.execute();
	await db.schema.createIndex('review_items_session').on('review_items').columns(['session_id', 'position']).execute();

	await db.schema
		.createTable('review_attendees')
		.addColumn('session_id', 'text', (c) => c.notNull().references('review_sessions.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('review_attendees_pk', ['session_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('inbox_messages')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('board_id', 'text')
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('card_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('sender_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('inbox_messages_agency').on('inbox_messages').columns(['agency_id', 'created_at']).execute();

	await db.schema
		.createTable('inbox_reads')
		.addColumn('message_id', 'text', (c) => c.notNull().references('inbox_messages.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('read_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('inbox_reads_pk', ['message_id', 'user_id'])
		.execute();
}

export async function down(): Promise<void> {
	// Forward-only: migrations are never rolled back in place.
}
