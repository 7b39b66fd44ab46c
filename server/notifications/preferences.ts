/** Each person's choice, per notification type, of how it reaches them by e-mail. */
import type SQLite from 'better-sqlite3';
import { DEFAULT_PREFERENCES, isDeliveryMode, NOTIFICATION_TYPES, type Preferences } from './event-types.js';

export function readPreferences(sqlite: SQLite.Database, userId: string): Preferences {
	const rows = sqlite.prepare('select type, mode from notification_prefs where user_id = ?').all(userId) as { type: string; mode: string }[];
	const prefs: Preferences = { ...DEFAULT_PREFERENCES };
	for (const r of rows) {
		if ((NOTIFICATION_TYPES as readonly string[]).includes(r.type) && isDeliveryMode(r.mode)) prefs[r.type as keyof Preferences] = r.mode;
	}
	return prefs;
}

export function writePreferences(sqlite: SQLite.Database, userId: string, prefs: Partial<Preferences>): void {
	const upsert = sqlite.prepare(
		'insert into notification_prefs (user_id, type, mode) values (?, ?, ?) on conflict(user_id, type) do update set mode = excluded.mode'
	);
	sqlite.transaction(() => {
		for (const [type, mode] of Object.entries(prefs)) upsert.run(userId, type, mode);
	}).immediate();
}
