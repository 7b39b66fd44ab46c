import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { SessionUser } from '../context.js';
import type { Role } from '../db/schema.js';
import { ApiError } from '../http-error.js';

/** The signed-in user, or a 401. */
export function requireUser(c: Context<AppEnv>): SessionUser {
	const user = c.get('user');
	if (!user) throw new ApiError(401, 'not_signed_in');
	return user;
}

/** The signed-in user with one of these roles, or 401/403. */
export function requireRole(c: Context<AppEnv>, roles: readonly Role[]): SessionUser {
	const user = requireUser(c);
	if (!roles.includes(user.role)) throw new ApiError(403, 'forbidden');
	return user;
}
