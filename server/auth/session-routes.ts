/**
 * The signed-in user's own sessions: GET /api/auth/sessions lists them (started, last used, browser,
 * "this device"); POST /api/auth/sessions/:id/end ends one; POST /api/auth/sessions/end-others ends
 * all but the current one. Both want the user's password typed again (reauthenticate.ts, ASVS 3.3.4):
 * a stolen session cannot sign its owner's devices out. Ending a session closes its sync sockets
 * (SessionStore.onEnded).
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { SessionStore } from './sessions.js';
import { declareRoutes } from './access.js';
import { requireUser } from './require.js';
import { ApiError } from '../http-error.js';
import { summarizeUserAgent } from './user-agent.js';
import { PasswordAgainBody } from '../../src/lib/core/api/accounts.js';
import type { LoginThrottle } from './login-throttle.js';
import { confirmPassword } from './reauthenticate.js';
import { clientAddress } from './client-address.js';

/**
 * The id the browser sees: derived from the session id (itself the SHA-256 of the token), so the
 * list never hands out the key the database looks sessions up by.
 */
export function publicSessionId(sessionId: string): string {
	return createHash('sha256').update(`session-list:${sessionId}`).digest('base64url').slice(0, 22);
}

export function sessionRoutes(ctx: AppContext, sessions: SessionStore, throttle: LoginThrottle) {
	const r = declareRoutes('/api/auth');

	r.get('/sessions', 'signed-in', async (c) => {
		const user = requireUser(c);
		const current = c.get('sessionId');
		const list = await sessions.listForUser(user.id);
		return c.json({
			idleMinutes: Math.round(sessions.limits.idleMs / 60_000),
			maxAgeHours: Math.round((sessions.limits.maxAgeMs / 3_600_000) * 10) / 10,
			sessions: list.map((s) => ({
				id: publicSessionId(s.id),
				current: s.id === current,
				createdAt: new Date(s.createdAt).toISOString(),
				lastSeenAt: new Date(s.lastSeenAt).toISOString(),
				expiresAt: new Date(s.expiresAt).toISOString(),
				...summarizeUserAgent(s.userAgent)
			}))
		});
	});

	r.post('/sessions/:id/end', { who: 'signed-in', body: PasswordAgainBody }, async (c, { body }) => {
		const user = requireUser(c);
		const wanted = c.req.param('id');
		await confirmPassword(ctx.db, throttle, user, body.password, clientAddress(c));
		const own = await sessions.listForUser(user.id);
		const target = own.find((s) => publicSessionId(s.id) === wanted);
		if (!target) throw new ApiError(404, 'session_not_found');
		await sessions.invalidateOwn(user.id, [target.id]);
		if (target.id === c.get('sessionId')) c.header('Set-Cookie', sessions.blankCookie());
		return c.json({ ok: true, current: target.id === c.get('sessionId') });
	});

	r.post('/sessions/end-others', { who: 'signed-in', body: PasswordAgainBody }, async (c, { body }) => {
		const user = requireUser(c);
		await confirmPassword(ctx.db, throttle, user, body.password, clientAddress(c));
		const current = c.get('sessionId');
		const others = (await sessions.listForUser(user.id)).map((s) => s.id).filter((id) => id !== current);
		const ended = await sessions.invalidateOwn(user.id, others);
		return c.json({ ok: true, ended });
	});

	return r.router;
}
