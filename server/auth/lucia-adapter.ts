import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { DB } from '../db/database.js';

/** Lucia's storage over our Kysely tables. Session ids arrive already hashed (see sessions.ts). */
export class KyselyLuciaAdapter implements Adapter {
	constructor(private db: DB) {}

	async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
		const row = await this.db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			.select(['sessions.id as sid', 'sessions.expires_at', 'users.id as uid', 'users.active'])
			.where('sessions.id', '=', sessionId)
			.executeTakeFirst();
		if (!row || !row.active) return [null, null];
		return [
			{ id: row.sid, userId: row.uid, expiresAt: new Date(row.expires_at), attributes: {} },
			{ id: row.uid, attributes: {} }
		];
	}

	async getUserSessions(userId: string): Promise<DatabaseSession[]> {
		const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
		return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(r.expires_at), attributes: {} }));
	}

	async setSession(session: DatabaseSession): Promise<void> {
		await this.db
			.insertInto('sessions')
			.values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt.getTime() })
			.execute();
	}

	async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
		await this.db.updateTable('sessions').set({ expires_at: expiresAt.getTime() }).where('id', '=', sessionId).execute();
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
