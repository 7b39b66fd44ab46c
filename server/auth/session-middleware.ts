import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import type { SessionStore } from './sessions.js';

/** Reads the session from the cookie or `Authorization: Bearer <token>`; sets c.var.user (or null). */
export function sessionMiddleware(_ctx: AppContext, sessions: SessionStore): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const auth = c.req.header('authorization');
		const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
		const token = bearer ?? sessions.readCookie(c.req.header('cookie'));
		const found = token ? await sessions.validate(token) : null;
		c.set('user', found?.user ?? null);
		c.set('sessionId', found?.sessionId ?? null);
		if (found?.refreshedCookie && !bearer) c.header('Set-Cookie', found.refreshedCookie, { append: true });
		await next();
	};
}
