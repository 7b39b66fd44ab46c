import { sql, type Kysely } from 'kysely';
import { autoId, columnTypes } from '../server/db/dialect.js';

/**
 * Notifications (issue 17): users' e-mail addresses and preferences; inbox messages addressed to one
 * person; the event outbox (written in the same transaction as the event that caused it); the mail
 * queue with its claim columns (one node sends each message); deadline notices sent once; the daily
 * job's runs (one node runs each day's job); the secret that signs preference links.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const t = columnTypes(db);
	await db.schema.alterTable('users').addColumn('email', 'text').execute();
	// A message to one person of the agency (a mention of that person); null = the whole agency.
	await db.schema.alterTable('inbox_messages').addColumn('user_id', 'text').execute();
	// Null until the message's e-mails are queued (the dispatcher's claim); older messages are not mailed.
	await db.schema.alterTable('inbox_messages').addColumn('mailed_at', 'text').execute();
	await db
		.updateTable('inbox_messages')
		.set((eb) => ({ mailed_at: eb.ref('created_at') }))
		.execute();
	await db.schema.createIndex('inbox_messages_unmailed').on('inbox_messages').columns(['mailed_at', 'created_at']).execute();

	await db.schema
		.createTable('notification_prefs')
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('notification_prefs_pk', ['user_id', 'type'])
		.execute();

	await db.schema
		.createTable('notification_events')
		.addColumn('id', ...autoId(db))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('board_id', 'text')
		.addColumn('actor_id', 'text')
		.addColumn('payload_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('dispatched_at', 'text')
		.execute();
	await db.schema.createIndex('notification_events_open').on('notification_events').columns(['dispatched_at', 'id']).execute();

	// What each person gets by e-mail of each inbox message: at once (coalesced) or in the digest.
	await db.schema
		.createTable('mail_items')
		.addColumn('id', ...autoId(db))
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('message_id', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull())
		.addColumn('mail_id', t.int64)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('mail_items_once', ['user_id', 'message_id'])
		.execute();
	await db.schema.createIndex('mail_items_open').on('mail_items').columns(['user_id', 'mode', 'mail_id']).execute();

	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', ...autoId(db))
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('digest_day', 'text')
		.addColumn('send_at', 'text', (c) => c.notNull())
		.addColumn('composed_at', 'text')
		.addColumn('to_address', 'text')
		.addColumn('subject', 'text')
		.addColumn('text_body', 'text')
		.addColumn('html_body', 'text')
		.addColumn('unsubscribe_url', 'text')
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('claimed_by', 'text')
		.addColumn('claimed_until', 'text')
		.addColumn('sent_at', 'text')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['sent_at', 'next_attempt_at']).execute();
	// At most one open (not yet composed) immediate mail per person: later events join it.
	await db.schema
		.createIndex('mail_outbox_one_open')
		.on('mail_outbox')
		.columns(['user_id', 'kind'])
		.unique()
		.where(sql<boolean>`composed_at is null and kind = 'immediate'`)
		.execute();
	await db.schema.createIndex('mail_outbox_digest_once').on('mail_outbox').columns(['user_id', 'digest_day']).unique().execute();

	await db.schema
		.createTable('deadline_notices')
		.addColumn('card_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('due', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('deadline_notices_pk', ['card_id', 'kind', 'due'])
		.execute();

	await db.schema
		.createTable('scheduled_runs')
		.addColumn('job', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('node', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text', (c) => c.notNull())
		.addColumn('finished_at', 'text')
		.addPrimaryKeyConstraint('scheduled_runs_pk', ['job', 'day'])
		.execute();

	await db.schema
		.createTable('app_secrets')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();
}
