import { createHash, randomBytes } from 'node:crypto';
import { Cookie, Lucia, TimeSpan } from 'lucia';
import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import { KyselyLuciaAdapter, type NewSessionAttributes } from './lucia-adapter.js';
import { sessionEnd, touchInterval, touchSession, type SessionLimits } from './session-limits.js';

export const SESSION_COOKIE = 'phoihop_session';

/**
 * Sessions: the browser holds a random token; the database holds only its SHA-256 (the session id),
 * so a leaked database cannot be replayed. A session ends after `idleMs` without use or `maxAgeMs`
 * after sign-in (session-limits.ts); every use (an API request, an edit over the sync socket) is
 * recorded at most once a minute. Sessions live in the database, so any node serves any of them.
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
	/** When this node last recorded a use of each session. */
	private touched = new Map<string, number>();
	private secureCookies: boolean;
	constructor(
		private db: DB,
		secureCookies: boolean,
		readonly limits: SessionLimits = { idleMs: 30 * 60_000, maxAgeMs: 12 * 60 * 60_000 }
	) {
		this.secureCookies = secureCookies;
		this.lucia = new Lucia(new KyselyLuciaAdapter(db, limits), {
			sessionExpiresIn: new TimeSpan(Math.min(limits.idleMs, limits.maxAgeMs), 'ms'),
			sessionCookie: { name: SESSION_COOKIE, attributes: { sameSite: 'lax', secure: secureCookies, path: '/' } }
		});
	}

	static hashToken(token: string): string {
		return createHash('sha256').update(token).digest('hex');
	}

	/**
	 * A new session. Its cookie lasts as long as the session may (the absolute lifetime); the idle
	 * limit is the server's to apply, since a user editing over the sync socket sends no cookie.
	 */
	async create(userId: string, userAgent?: string | null): Promise<{ token: string; cookie: string }> {
		const token = randomBytes(32).toString('base64url');
		const attributes: NewSessionAttributes = { userAgent: userAgent ?? null };
		const sessionId = SessionStore.hashToken(token);
		await this.lucia.createSession(userId, attributes as Record<string, never>, { sessionId });
		this.touched.set(sessionId, Date.now());
		const cookie = new Cookie(SESSION_COOKIE, token, {
			httpOnly: true,
			sameSite: 'lax',
			secure: this.secureCookies,
			path: '/',
			maxAge: Math.floor(this.limits.maxAgeMs / 1000)
		});
		return { token, cookie: cookie.serialize() };
	}

	/** The user behind a token, or null; a valid token counts as a use of its session. */
	async validate(token: string): Promise<{ user: SessionUser; sessionId: string } | null> {
		if (!token || token.length > 200) return null;
		const { session } = await this.lucia.validateSession(SessionStore.hashToken(token));
		if (!session) return null;
		if (!session.fresh) await this.touch(session.id);
		else this.touched.set(session.id, Date.now());
		const row = await this.db
			.selectFrom('users')
			.select(['id', 'username', 'display_name', 'role', 'agency_id', 'active', 'org_id', 'platform_admin'])
			.where('id', '=', session.userId)
			.executeTakeFirst();
		if (!row || !row.active || !row.org_id) return null;
		return { user: sessionUserOf(row), sessionId: session.id };
	}

	/** Records a use of the session (a request, an edit over the socket), at most once a minute per node. */
	async touch(sessionId: string): Promise<void> {
		const now = Date.now();
		const every = touchInterval(this.limits);
		if (now - (this.touched.get(sessionId) ?? 0) < every) return;
		this.touched.set(sessionId, now);
		if (this.touched.size > 50_000) {
			for (const [id, at] of this.touched) if (now - at >= every) this.touched.delete(id);
		}
		await touchSession(this.db, sessionId, now, this.limits);
	}

	/** The user's sessions that are still alive, most recently used first. */
	async listForUser(userId: string): Promise<{ id: string; createdAt: number; lastSeenAt: number; expiresAt: number; userAgent: string | null }[]> {
		const now = Date.now();
		const rows = await this.db
			.selectFrom('sessions')
			.select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
			.where('user_id', '=', userId)
			.where('expires_at', '>', now)
			.orderBy('last_seen_at', 'desc')
			.execute();
		return rows
			.map((r) => ({
				id: r.id,
				createdAt: Number(r.created_at),
				lastSeenAt: Number(r.last_seen_at),
				expiresAt: sessionEnd(r, this.limits),
				userAgent: r.user_agent
			}))
			.filter((r) => r.expiresAt > now);
	}

	/** Ends these sessions of this user (ids of other users' sessions are ignored); how many ended. */
	async invalidateOwn(userId: string, sessionIds: readonly string[]): Promise<number> {
		if (sessionIds.length === 0) return 0;
		const gone = await this.db
			.deleteFrom('sessions')
			.where('user_id', '=', userId)
			.where('id', 'in', [...sessionIds])
			.returning('id')
			.execute();
		for (const { id } of gone) {
			this.touched.delete(id);
			this.ended({ sessionId: id });
		}
		return gone.length;
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
		this.touched.delete(sessionId);
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
