/** Sign-in and sign-out: /api/auth/login, /api/auth/logout, /api/auth/logout-all. */
import type { AppContext, SessionUser } from '../context.js';
import { sessionUserOf, type SessionStore } from './sessions.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { User } from '../db/schema.js';
import { ApiError } from '../http-error.js';
import { declareRoutes } from '../http/declare-routes.js';
import { LoginBody, PasswordAgainBody } from '../../src/lib/core/api/accounts.js';
import { confirmPassword } from './reauthenticate.js';
import { requireUser } from './require.js';
import { checkCredentials, dummyPasswordHash, normalizeUsername } from './credentials.js';
import { refuseIfThrottled, type LoginThrottle } from './login-throttle.js';
import { clientAddress } from './client-address.js';
import { PASSWORD_MAX } from './user-input.js';

export function sessionUser(user: User): SessionUser {
	return sessionUserOf(user);
}

/** `throttle` counts failed sign-ins, and the failed password confirmations of session-routes.ts with them. */
export function authRoutes(ctx: AppContext, sessions: SessionStore, sync: SyncServer, throttle: LoginThrottle) {
	const r = declareRoutes('/api/auth');
	// Made now, so that the first unknown username does not take longer than a known one.
	void dummyPasswordHash();

	r.post('/login', { who: 'public', body: LoginBody }, async (c, { body }) => {
		const username = normalizeUsername(body.username);
		const password = body.password;
		if (!username || !password) throw new ApiError(400, 'missing_credentials');

		const address = clientAddress(c);
		await refuseIfThrottled(throttle, username, address);
		const check = password.length > PASSWORD_MAX ? null : await checkCredentials(ctx.db, username, password);
		if (!check || !check.ok) {
			if (check?.reason === 'inactive') {
				throw new ApiError(403, 'account_disabled');
			}
			await throttle.fail(username, address);
			throw new ApiError(401, 'invalid_credentials');
		}
		await throttle.succeeded(username, address);
		// Signing in again from the same browser replaces its previous session rather than leaving it alive.
		const previous = c.get('sessionId');
		if (previous) await sessions.invalidate(previous);
		const { token, cookie } = await sessions.create(check.user.id, c.req.header('user-agent'));
		c.header('Set-Cookie', cookie);
		return c.json({ token, user: sessionUser(check.user) });
	});

	r.post('/logout', 'public', async (c) => {
		const sid = c.get('sessionId');
		if (sid) await sessions.invalidate(sid);
		c.header('Set-Cookie', sessions.blankCookie());
		return c.json({ ok: true });
	});

	// Every device of the account, this one too: with the password typed again, like ending the others.
	r.post('/logout-all', { who: 'signed-in', body: PasswordAgainBody }, async (c, { body }) => {
		const user = requireUser(c);
		await confirmPassword(ctx.db, throttle, user, body.password, clientAddress(c));
		await sessions.invalidateUser(user.id);
		const closedConnections = sync.closeUserConnections(user.id);
		c.header('Set-Cookie', sessions.blankCookie());
		return c.json({ ok: true, closedConnections });
	});

	return r.router;
}
