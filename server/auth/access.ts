/**
 * Who may call an HTTP route. Every /api route states it in its declaration
 * (server/http/declare-routes.ts), which installs `access(who)` before the route's handler;
 * tests/integration/auth/route-matrix.test.ts checks every route against a table of its own.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Role } from '../db/schema.js';
import { requireRole, requireUser } from './require.js';
import { ApiError } from '../http-error.js';

export { declareRoutes, type DeclaredRouter } from '../http/declare-routes.js';

/**
 * 'public': anyone; 'signed-in': any active account; 'platform-admin': the platform's
 * administrators (who create organizations); a list: those roles only.
 */
export type Who = 'public' | 'signed-in' | 'platform-admin' | readonly Role[];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Middleware refusing callers outside `who`: 401 without a session, 403 with the wrong role. */
export function access(who: Who): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		if (who === 'signed-in') requireUser(c);
		else if (who === 'platform-admin') {
			if (!requireUser(c).platformAdmin) throw new ApiError(403, 'platform_admin_only');
		} else if (who !== 'public') requireRole(c, who);
		await next();
	};
}

export function allows(who: Who, role: Role | null, platformAdmin = false): boolean {
	if (who === 'public') return true;
	if (role === null) return false;
	if (who === 'platform-admin') return platformAdmin;
	return who === 'signed-in' || who.includes(role);
}
