/**
 * Cross-site request forgery: a state-changing /api request that a browser sends from another site
 * carries that site's Origin (or `Sec-Fetch-Site: cross-site`). Such requests are refused before any
 * session is looked at, the login too (a forged login would sign the victim into the attacker's
 * account). A caller using `Authorization: Bearer` without a cookie is a script, not a browser riding
 * on a cookie, so it is exempt.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { errorBody, errorLocale } from '../http-error.js';
import { isSameOrigin } from './origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfRequest {
	method: string;
	origin: string | null;
	host: string | null;
	secFetchSite: string | null;
	authorization: string | null;
	cookie: string | null;
}

/** Whether a request must be refused as cross-site; a pure function so the rule can be tested alone. */
export function isCrossSiteWrite(req: CsrfRequest, allowedOrigins: string[]): boolean {
	if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
	if (req.authorization?.startsWith('Bearer ') && !req.cookie) return false;
	if (req.origin !== null) return !isSameOrigin(req.origin, req.host, allowedOrigins);
	return req.secFetchSite === 'cross-site';
}

export function csrfMiddleware(ctx: AppContext): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const h = (name: string) => c.req.header(name) ?? null;
		const refused = isCrossSiteWrite(
			{
				method: c.req.method,
				origin: h('origin'),
				host: h('host'),
				secFetchSite: h('sec-fetch-site'),
				authorization: h('authorization'),
				cookie: h('cookie')
			},
			ctx.config.origins
		);
		if (refused) return c.json(errorBody('csrf', {}, errorLocale(c.req.header('accept-language'))), 403);
		await next();
	};
}
