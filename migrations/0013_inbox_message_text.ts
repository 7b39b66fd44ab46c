import type { Kysely } from 'kysely';

/**
 * Inbox messages as codes (the interface words them in its language): `text_json` holds the
 * message's title and body as notes `{ title: { code, params }, body?: { code, params } }` (see
 * server/inbox/inbox-text.ts). Messages stored before it have none: their `title` and `body` are
 * the Vietnamese text as it was written, and are shown as they are. A plain nullable text column
 * on SQLite and PostgreSQL alike.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('inbox_messages').addColumn('text_json', 'text').execute();
}
