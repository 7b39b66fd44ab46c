import type { Kysely } from 'kysely';
import { autoId, columnTypes } from '../server/db/dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
	const t = columnTypes(db);
	await db.schema
		.createTable('plans')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('number', 'text')
		.addColumn('doc_type', 'text')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('issuer', 'text')
		.addColumn('place', 'text')
		.addColumn('date', 'text')
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('source_name', 'text', (c) => c.notNull())
		.addColumn('source_text', 'text', (c) => c.notNull())
		.addColumn('parsed_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('agencies')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('short_name', 'text', (c) => c.notNull())
		.addColumn('is_collective', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('agency_aliases')
		.addColumn('alias_key', 'text', (c) => c.primaryKey())
		.addColumn('alias', 'text', (c) => c.notNull())
		.addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.execute();

	await db.schema
		.createTable('boards')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('appendix', 'text', (c) => c.notNull())
		.addColumn('derived', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sections')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('order_index', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('cards')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
		.addColumn('section_id', 'text', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('lead_json', 'text', (c) => c.notNull())
		.addColumn('support_json', 'text', (c) => c.notNull())
		.addColumn('deadline_raw', 'text', (c) => c.notNull())
		.addColumn('deadline_kind', 'text', (c) => c.notNull())
		.addColumn('deadline_due', 'text')
		.addColumn('completed_at', 'text')
		.addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('order_key', 'text', (c) => c.notNull())
		.addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('attachment_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_at', 'text')
		.addColumn('updated_by', 'text')
		.execute();
	await db.schema.createIndex('cards_board').on('cards').column('board_id').execute();

	await db.schema
		.createTable('comments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
		.addColumn('card_id', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text', (c) => c.notNull())
		.addColumn('agency_id', 'text')
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('comments_card').on('comments').columns(['board_id', 'card_id']).execute();

	await db.schema
		.createTable('attachments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
		.addColumn('card_id', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.notNull())
		.addColumn('uploaded_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('indicators')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
		.addColumn('code', 'text')
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('targets_json', 'text', (c) => c.notNull())
		.addColumn('reported_value', t.float)
		.addColumn('order_index', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('plan_reports')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('due', 'text')
		.addColumn('recurrence', 'text')
		.addColumn('to_agency', 'text')
		.execute();

	await db.schema
		.createTable('plan_members')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
		.addColumn('stt', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'text', (c) => c.notNull())
		.addColumn('areas_json', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('expires_at', t.int64, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('board_updates')
		.addColumn('id', ...autoId(db))
		.addColumn('board_id', 'text', (c) => c.notNull())
		.addColumn('data', t.bytes, (c) => c.notNull())
		.addColumn('user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('board_updates_board').on('board_updates').columns(['board_id', 'id']).execute();

	await db.schema
		.createTable('board_states')
		.addColumn('board_id', 'text', (c) => c.primaryKey())
		.addColumn('state', t.bytes, (c) => c.notNull())
		.addColumn('last_update_id', t.int64, (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('activity')
		.addColumn('id', ...autoId(db))
		.addColumn('board_id', 'text', (c) => c.notNull())
		.addColumn('card_id', 'text')
		.addColumn('user_id', 'text')
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('detail', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('activity_board').on('activity').columns(['board_id', 'id']).execute();
}

export async function down(): Promise<void> {
	// Forward-only: migrations are never rolled back in place.
}
