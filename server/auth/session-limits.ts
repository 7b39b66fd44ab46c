/**
 * When a session ends: `idleMs` after its last use or `maxAgeMs` after sign-in, whichever comes
 * first (OWASP ASVS 4.0.3 §3.3.1 and §3.3.2; level 2 asks for at most 30 minutes idle and
 * re-authentication within 12 hours). The rule is applied on every read of a session with the limits
 * configured now, so shortening them takes effect at once, on every node.
 */
import type { DB } from '../db/database.js';

export interface SessionLimits {
	idleMs: number;
	maxAgeMs: number;
}

/**
 * Last use is written at most this often per session (and node): a minute's precision is enough, and
 * a quarter of the idle limit when that is shorter (tests run with limits of seconds).
 */
export function touchInterval(limits: SessionLimits): number {
	return Math.min(60_000, limits.idleMs / 4);
}

export function sessionEnd(row: { created_at: number; last_seen_at: number; expires_at: number }, limits: SessionLimits): number {
	return Math.min(Number(row.expires_at), Number(row.last_seen_at) + limits.idleMs, Number(row.created_at) + limits.maxAgeMs);
}

/**
 * Records a use of the session at `now`: last seen now, ending at min(now + idle, start + max age).
 * Written as one portable UPDATE (a CASE, no dialect's MIN/LEAST), so concurrent nodes do not race.
 */
export async function touchSession(db: DB, sessionId: string, now: number, limits: SessionLimits): Promise<void> {
	await db
		.updateTable('sessions')
		.set((eb) => ({
			last_seen_at: now,
			expires_at: eb
				.case()
				.when('created_at', '<', now + limits.idleMs - limits.maxAgeMs)
				.then(eb('created_at', '+', limits.maxAgeMs))
				.else(now + limits.idleMs)
				.end()
		}))
		.where('id', '=', sessionId)
		.where('expires_at', '>', now)
		.execute();
}
