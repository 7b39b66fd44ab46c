import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import type { SessionStore } from './sessions.js';
import { csrfMiddleware } from './csrf.js';

/**
 * Runs first on every /api request: refuses cross-site writes (csrf.ts) before a cookie is honoured,
 * then reads the session from `Authorization: Bearer <token>` or the cookie and sets c.var.user
 * (or null). Access rules are applied later, per route (access.ts).
 */
export function sessionMiddleware(ctx: AppContext, sessions: SessionStore): MiddlewareHandler<AppEnv> {
	const csrf = csrfMiddleware(ctx);
	return (c, next) =>
		csrf(c, async () => {
			const auth = c.req.header('authorization');
			const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
			const token = bearer || sessions.readCookie(c.req.header('cookie'));
			const found = token ? await sessions.validate(token) : null;
			c.set('user', found?.user ?? null);
			c.set('sessionId', found?.sessionId ?? null);
			await next();
		});
}
