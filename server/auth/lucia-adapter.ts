import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { DB } from '../db/database.js';
import { sessionEnd, touchSession, type SessionLimits } from './session-limits.js';

/** What a new session records besides its user (sessions.ts passes it as Lucia's attributes). */
export interface NewSessionAttributes {
	userAgent?: string | null;
}

/**
 * Lucia's storage over our Kysely tables. Session ids arrive already hashed (see sessions.ts). The
 * expiry Lucia sees is the idle/absolute end (session-limits.ts), and when Lucia slides a session
 * forward the absolute end still caps it.
 */
export class KyselyLuciaAdapter implements Adapter {
	constructor(
		private db: DB,
		private limits: SessionLimits
	) {}

	async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
		const row = await this.db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			.select(['sessions.id as sid', 'sessions.expires_at', 'sessions.created_at', 'sessions.last_seen_at', 'users.id as uid', 'users.active'])
			.where('sessions.id', '=', sessionId)
			.executeTakeFirst();
		if (!row || !row.active) return [null, null];
		return [
			{ id: row.sid, userId: row.uid, expiresAt: new Date(sessionEnd(row, this.limits)), attributes: {} },
			{ id: row.uid, attributes: {} }
		];
	}

	async getUserSessions(userId: string): Promise<DatabaseSession[]> {
		const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
		return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(sessionEnd(r, this.limits)), attributes: {} }));
	}

	async setSession(session: DatabaseSession): Promise<void> {
		const now = Date.now();
		const attributes = session.attributes as NewSessionAttributes;
		await this.db
			.insertInto('sessions')
			.values({
				id: session.id,
				user_id: session.userId,
				created_at: now,
				last_seen_at: now,
				expires_at: now + Math.min(this.limits.idleMs, this.limits.maxAgeMs),
				user_agent: attributes.userAgent ? attributes.userAgent.slice(0, 300) : null
			})
			.execute();
	}

	/** Lucia slides a session past half its idle time: that is a use of it, capped by its absolute end. */
	async updateSessionExpiration(sessionId: string): Promise<void> {
		await touchSession(this.db, sessionId, Date.now(), this.limits);
	}

	async deleteSession(sessionId: string): Promise<void> {
		await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
	}

	async deleteUserSessions(userId: string): Promise<void> {
		await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
	}

	async deleteExpiredSessions(): Promise<void> {
		await this.db.deleteFrom('sessions').where('expires_at', '<=', Date.now()).execute();
	}
}
