import { createHash, randomBytes } from 'node:crypto';
import { Lucia, TimeSpan } from 'lucia';
import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import { KyselyLuciaAdapter } from './lucia-adapter.js';

export const SESSION_COOKIE = 'phoihop_session';

/**
 * Sessions: the browser holds a random token; the database holds only its SHA-256 (the session id),
 * so a leaked database cannot be replayed. Lucia keeps the expiry sliding (30 days, renewed past half).
 */
/** A session that ended (logout), or all of a user's (password change, deactivation, sign out everywhere). */
export type EndedSessions = { sessionId: string } | { userId: string };

/** The SessionUser of a users row (its current organization, role and agency). */
export function sessionUserOf(row: {
	id: string;
	username: string;
	display_name: string;
	role: SessionUser['role'];
	agency_id: string | null;
	org_id: string | null;
	platform_admin: number;
}): SessionUser {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		orgId: row.org_id ?? '',
		role: row.role,
		agencyId: row.agency_id,
		platformAdmin: row.platform_admin === 1
	};
}

export class SessionStore {
	readonly lucia: Lucia;
	private endedListeners: ((ended: EndedSessions) => void)[] = [];
	constructor(private db: DB, secureCookies: boolean) {
		this.lucia = new Lucia(new KyselyLuciaAdapter(db), {
			sessionExpiresIn: new TimeSpan(30, 'd'),
			sessionCookie: { name: SESSION_COOKIE, attributes: { sameSite: 'lax', secure: secureCookies, path: '/' } }
		});
	}

	static hashToken(token: string): string {
		return createHash('sha256').update(token).digest('hex');
	}

	async create(userId: string): Promise<{ token: string; cookie: string }> {
		const token = randomBytes(32).toString('base64url');
		await this.lucia.createSession(userId, {}, { sessionId: SessionStore.hashToken(token) });
		return { token, cookie: this.lucia.createSessionCookie(token).serialize() };
	}

	/** The user behind a token, or null. `refreshedCookie` is set when the expiry slid forward. */
	async validate(token: string): Promise<{ user: SessionUser; sessionId: string; refreshedCookie: string | null } | null> {
		if (!token || token.length > 200) return null;
		const { session } = await this.lucia.validateSession(SessionStore.hashToken(token));
		if (!session) return null;
		const row = await this.db
			.selectFrom('users')
			.select(['id', 'username', 'display_name', 'role', 'agency_id', 'active', 'org_id', 'platform_admin'])
			.where('id', '=', session.userId)
			.executeTakeFirst();
		if (!row || !row.active || !row.org_id) return null;
		return {
			user: sessionUserOf(row),
			sessionId: session.id,
			refreshedCookie: session.fresh ? this.lucia.createSessionCookie(token).serialize() : null
		};
	}

	/** Called whenever sessions end here (the sync server closes their sockets). */
	onEnded(listener: (ended: EndedSessions) => void): void {
		this.endedListeners.push(listener);
	}

	private ended(e: EndedSessions) {
		for (const l of this.endedListeners) l(e);
	}

	async invalidate(sessionId: string): Promise<void> {
		await this.lucia.invalidateSession(sessionId);
		this.ended({ sessionId });
	}

	async invalidateUser(userId: string): Promise<void> {
		await this.lucia.invalidateUserSessions(userId);
		this.ended({ userId });
	}

	blankCookie(): string {
		return this.lucia.createBlankSessionCookie().serialize();
	}

	readCookie(cookieHeader: string | undefined): string | null {
		return cookieHeader ? this.lucia.readSessionCookie(cookieHeader) : null;
	}
}
