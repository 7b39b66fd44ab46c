import type { Kysely } from 'kysely';
import { autoId, columnTypes } from '../server/db/dialect.js';

/**
 * Security (issue 15). Sessions learn when they started, when they were last used and from which
 * browser, for the idle and absolute limits and the user's list of sessions. Failed sign-ins are
 * stored here rather than in a process's memory, so that every node behind the load balancer counts
 * the same attempts.
 *
 * Times are milliseconds since the epoch: `integer` on SQLite (64 bits there), `bigint` on
 * PostgreSQL, whose `integer` has 32.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const ms = columnTypes(db).int64;
	// Sessions issued under the old 30-day sliding rule have no start time: they end here, and
	// everyone signs in once more under the new limits.
	await db.deleteFrom('sessions').execute();
	await db.schema
		.alterTable('sessions')
		.addColumn('created_at', ms, (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('sessions')
		.addColumn('last_seen_at', ms, (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
	await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

	// One row per failed sign-in and per key it counts against (the account, the account from this
	// address, the address); `key` is a SHA-256, so a long or personal value is never stored as typed.
	await db.schema
		.createTable('login_failures')
		.addColumn('id', ...autoId(db))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('at', ms, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('login_failures_key_at').on('login_failures').columns(['key', 'at']).execute();
	await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
}
