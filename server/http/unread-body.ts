/**
 * A request answered before its body was read (a refused upload: unknown card, wrong type, no
 * right) must not leave the rest of that body in the connection. Node discards it on its own only
 * sometimes, and a client that reuses the connection meanwhile sees it closed under its next request
 * ("other side closed"). So, after the answer is made: a body nobody touched is read to its end and
 * dropped (up to DRAIN_LIMIT; past that, or when a handler stopped halfway through an upload, the
 * answer says `Connection: close`, and the client opens a fresh connection for its next request).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { declarationOf } from './declare-routes.js';
import { DRAIN_LIMIT, drain } from './json-body.js';

export function unreadBodies(): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		await next();
		const request = c.req.raw;
		const body = request.body;
		if (!body) return;
		if (!body.locked && !request.bodyUsed) {
			const declared = Number(c.req.header('content-length'));
			if (Number.isFinite(declared) && declared <= DRAIN_LIMIT) await drain(body, DRAIN_LIMIT);
			else c.res.headers.set('Connection', 'close');
			return;
		}
		// An upload refused after its reading began may have stopped before the end.
		if (c.res.status >= 400 && declarationOf(c.req.method, c.req.path)?.upload) c.res.headers.set('Connection', 'close');
	};
}
