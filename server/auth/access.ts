/**
 * Who may call each HTTP route. Every route under /api is declared here, either by registering it
 * through `declareRoutes` (which also installs the check) or, for routers whose handlers check
 * access themselves, in HANDLER_CHECKED_ROUTES. The route-matrix test walks `routeAccessList()` with
 * every role and also fails when the app serves an /api route that nobody declared.
 */
import { Hono, type Handler, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Role } from '../db/schema.js';
import { requireRole, requireUser } from './require.js';

/** 'public': anyone; 'signed-in': any active account; a list: those roles only. */
export type Who = 'public' | 'signed-in' | readonly Role[];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteAccess {
	method: Method;
	/** The full path as Hono writes it, with :params, e.g. "/api/admin/users/:id/password". */
	path: string;
	who: Who;
}

/**
 * Routes of other modules whose handlers call requireUser/requireRole themselves (and check the
 * board, snapshot or review session after that).
 * Declared here so that their intended access is written down and tested.
 */
export const HANDLER_CHECKED_ROUTES: readonly RouteAccess[] = [
	{ method: 'GET', path: '/api/health', who: 'public' },
	{ method: 'GET', path: '/api/ready', who: 'public' },
	{ method: 'POST', path: '/api/health/reset', who: ['admin'] },
	{ method: 'GET', path: '/api/me', who: 'signed-in' },
	// Board routes are open to every account; which boards a user sees is decided per board (boards/access.ts).
	{ method: 'GET', path: '/api/boards', who: 'signed-in' },
	{ method: 'GET', path: '/api/boards/:id', who: 'signed-in' },
	{ method: 'GET', path: '/api/boards/:id/activity', who: 'signed-in' },
	// Uploads check the card's rights (lead or support agency, managers) once the card is found.
	{ method: 'POST', path: '/api/boards/:id/cards/:cardId/attachments', who: 'signed-in' },
	{ method: 'GET', path: '/api/attachments/:id', who: 'signed-in' },
	{ method: 'GET', path: '/api/agencies', who: 'signed-in' },
	{ method: 'GET', path: '/api/people', who: 'signed-in' },
	// Snapshots, dashboards and reports: readable by whoever sees the board.
	{ method: 'POST', path: '/api/boards/:id/snapshots', who: ['admin', 'facilitator'] },
	{ method: 'GET', path: '/api/boards/:id/snapshots', who: 'signed-in' },
	{ method: 'GET', path: '/api/snapshots/:id', who: 'signed-in' },
	{ method: 'GET', path: '/api/snapshots/:id/state', who: 'signed-in' },
	{ method: 'GET', path: '/api/snapshots/:id/compare/:otherId', who: 'signed-in' },
	{ method: 'GET', path: '/api/boards/:id/dashboard', who: 'signed-in' },
	{ method: 'GET', path: '/api/boards/:id/export.xlsx', who: 'signed-in' },
	{ method: 'GET', path: '/api/boards/:id/report.docx', who: 'signed-in' },
	{ method: 'GET', path: '/api/snapshots/:id/dashboard', who: 'signed-in' },
	{ method: 'GET', path: '/api/snapshots/:id/export.xlsx', who: 'signed-in' },
	{ method: 'GET', path: '/api/snapshots/:id/report.docx', who: 'signed-in' },
	{ method: 'PUT', path: '/api/indicators/:id', who: ['admin'] },
	// Review sessions: opened by managers; running one is checked per session (its facilitator or an admin).
	{ method: 'POST', path: '/api/boards/:id/reviews', who: ['admin', 'facilitator'] },
	{ method: 'GET', path: '/api/boards/:id/reviews', who: 'signed-in' },
	{ method: 'GET', path: '/api/reviews/:sid', who: 'signed-in' },
	{ method: 'POST', path: '/api/reviews/:sid/join', who: 'signed-in' },
	{ method: 'PUT', path: '/api/reviews/:sid/order', who: 'signed-in' },
	{ method: 'POST', path: '/api/reviews/:sid/current', who: 'signed-in' },
	{ method: 'POST', path: '/api/reviews/:sid/control', who: 'signed-in' },
	{ method: 'POST', path: '/api/reviews/:sid/items/:itemId', who: 'signed-in' },
	{ method: 'POST', path: '/api/reviews/:sid/close', who: 'signed-in' },
	{ method: 'GET', path: '/api/reviews/:sid/minutes', who: 'signed-in' },
	{ method: 'GET', path: '/api/reviews/:sid/minutes.docx', who: 'signed-in' },
	// Inbox and reminders to late agencies.
	{ method: 'GET', path: '/api/inbox', who: 'signed-in' },
	{ method: 'GET', path: '/api/inbox/unread-count', who: 'signed-in' },
	{ method: 'POST', path: '/api/inbox/read', who: 'signed-in' },
	{ method: 'GET', path: '/api/boards/:id/late-agencies', who: ['admin', 'facilitator', 'leader'] },
	{ method: 'POST', path: '/api/boards/:id/reminders', who: ['admin', 'facilitator'] },
	// Notifications: the live unread count, preferences (or with an e-mail's signed link), one-click switch-off.
	{ method: 'GET', path: '/api/inbox/stream', who: 'signed-in' },
	{ method: 'GET', path: '/api/notifications/preferences', who: 'signed-in' },
	{ method: 'PUT', path: '/api/notifications/preferences', who: 'signed-in' },
	{ method: 'POST', path: '/api/notifications/unsubscribe', who: 'public' },
	// Importing plans and taking back agencies' returned Excel files: the standing office.
	{ method: 'POST', path: '/api/import/upload', who: ['admin'] },
	{ method: 'GET', path: '/api/import/drafts/:id', who: ['admin'] },
	{ method: 'POST', path: '/api/import/drafts/:id/edits', who: ['admin'] },
	{ method: 'POST', path: '/api/import/drafts/:id/create', who: ['admin'] },
	{ method: 'DELETE', path: '/api/import/drafts/:id', who: ['admin'] },
	{ method: 'POST', path: '/api/roundtrip/upload', who: ['admin'] },
	{ method: 'POST', path: '/api/roundtrip/:id/preview', who: ['admin'] },
	{ method: 'POST', path: '/api/roundtrip/:id/apply', who: ['admin'] }
];

const registered = new Map<string, RouteAccess>();

/**
 * Every declared route: the handler-checked ones and those registered through declareRoutes (which
 * register when their router is built, so call this once an app exists).
 */
export function routeAccessList(): RouteAccess[] {
	const all = new Map<string, RouteAccess>();
	for (const r of [...HANDLER_CHECKED_ROUTES, ...registered.values()]) all.set(`${r.method} ${r.path}`, r);
	return [...all.values()];
}

/** Middleware refusing callers outside `who`: 401 without a session, 403 with the wrong role. */
export function access(who: Who): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		if (who === 'signed-in') requireUser(c);
		else if (who !== 'public') requireRole(c, who);
		await next();
	};
}

export function allows(who: Who, role: Role | null): boolean {
	if (who === 'public') return true;
	if (role === null) return false;
	return who === 'signed-in' || who.includes(role);
}

type Add = <P extends string>(path: P, who: Who, handler: Handler<AppEnv, P>) => void;

export interface DeclaredRouter {
	router: Hono<AppEnv>;
	get: Add;
	post: Add;
	put: Add;
	patch: Add;
	delete: Add;
}

/**
 * A router whose every route states who may call it. `mount` is where the router is mounted
 * ("/api/admin"); it only names the routes in the registry, the check itself is path-independent.
 */
export function declareRoutes(mount: string): DeclaredRouter {
	const router = new Hono<AppEnv>();
	const add =
		(method: Method): Add =>
		(path, who, handler) => {
			registered.set(`${method} ${mount}${path}`, { method, path: `${mount}${path}`, who });
			router.on(method, path, access(who), handler);
		};
	return { router, get: add('GET'), post: add('POST'), put: add('PUT'), patch: add('PATCH'), delete: add('DELETE') };
}
