/** Each person's choice, per notification type, of how it reaches them by e-mail. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_PREFERENCES, isDeliveryMode, NOTIFICATION_TYPES, type Preferences } from './event-types.js';

/** The database or a transaction of it. */
type Queryable = Kysely<Database>;

export async function readPreferences(db: Queryable, userId: string): Promise<Preferences> {
	const rows = await db.selectFrom('notification_prefs').select(['type', 'mode']).where('user_id', '=', userId).execute();
	const prefs: Preferences = { ...DEFAULT_PREFERENCES };
	for (const r of rows) {
		if ((NOTIFICATION_TYPES as readonly string[]).includes(r.type) && isDeliveryMode(r.mode)) prefs[r.type as keyof Preferences] = r.mode;
	}
	return prefs;
}

export async function writePreferences(db: Queryable, userId: string, prefs: Partial<Preferences>): Promise<void> {
	const rows = Object.entries(prefs).map(([type, mode]) => ({ user_id: userId, type, mode: mode as string }));
	if (rows.length === 0) return;
	await db
		.insertInto('notification_prefs')
		.values(rows)
		.onConflict((oc) => oc.columns(['user_id', 'type']).doUpdateSet((eb) => ({ mode: eb.ref('excluded.mode') })))
		.execute();
}
