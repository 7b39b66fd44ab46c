/**
 * Every declared /api route, called by every demo role and by an anonymous caller: a caller the
 * declaration admits never gets 401/403, anyone else gets 401 (no session) or 403 (wrong role).
 * Also: every /api route the app serves is declared, and every declaration names a served route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { allows, routeAccessList, type RouteAccess } from '../../../server/auth/access.js';
import type { Role } from '../../../server/db/schema.js';
import { login, startTestServer, type TestServer } from '../helpers/server.js';
import { call } from './http.js';

const ACCOUNTS: { username: string; role: Role }[] = [
	{ username: 'admin', role: 'admin' },
	{ username: 'thuky', role: 'facilitator' },
	{ username: 'lanhdao', role: 'leader' },
	{ username: 'stc', role: 'editor' },
	{ username: 'snnmt', role: 'editor' },
	{ username: 'lmhtx', role: 'editor' }
];

let server: TestServer;
const params: Record<string, string> = {};

beforeAll(async () => {
	server = await startTestServer();
	const admin = await login(server.url, 'admin');
	// A board every demo account sees, so that board routes answer on access alone.
	const lists = await Promise.all(
		ACCOUNTS.map(async (a) => (await call(server.url, 'GET', '/api/boards', { token: await login(server.url, a.username) })).body as { id: string }[])
	);
	params.board = lists[0].map((b) => b.id).find((id) => lists.every((l) => l.some((b) => b.id === id)))!;
	expect(params.board).toBeTruthy();
	// Throwaway targets for the admin routes that act on an account or an agency.
	const agency = await call(server.url, 'POST', '/api/admin/agencies', { token: admin, body: { name: 'Đơn vị thử quyền' } });
	params.agency = agency.body.id;
	const user = await call(server.url, 'POST', '/api/admin/users', {
		token: admin,
		body: { username: 'thu-quyen', displayName: 'Thử quyền', password: 'mat-khau-thu', role: 'viewer', agencyId: params.agency }
	});
	params.user = user.body.id;
});
afterAll(async () => server.stop());

/** Real ids where access depends on the object (a board everyone sees, throwaway admin targets); 'unknown' elsewhere. */
function concretePath(path: string): string {
	const id = path.startsWith('/api/boards/')
		? params.board
		: path.startsWith('/api/admin/users/')
			? params.user
			: path.startsWith('/api/admin/agencies/')
				? params.agency
				: 'unknown';
	return path.replace(/:[A-Za-z]+/, id).replace(/:[A-Za-z]+/g, 'unknown');
}

const tokens = new Map<string, string>();

async function callAs(route: RouteAccess, username: string | null) {
	// One session per account for the walk (each sign-in costs a deliberate scrypt); signing out would
	// end it, so those routes get a session of their own.
	const endsSession = route.path.includes('/logout');
	let token: string | undefined;
	if (username && endsSession) {
		token = await login(server.url, username);
		tokens.delete(username); // "sign out everywhere" ends the cached session too
	} else if (username) {
		if (!tokens.has(username)) tokens.set(username, await login(server.url, username));
		token = tokens.get(username);
	}
	return call(server.url, route.method, concretePath(route.path), {
		token,
		body: route.method === 'GET' ? undefined : {}
	});
}

describe('declared routes', () => {
	it('every /api route the app serves is declared, and every declaration is served', () => {
		const app = createApp({
			ctx: server.ctx,
			sync: server.sync,
			sessions: server.sessions,
			notifications: server.notifications,
			upgradeWebSocket: (() => async (_c: unknown, next: () => Promise<void>) => next()) as never
		});
		const served = new Set(
			app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)
		);
		const declared = new Set(routeAccessList().map((r) => `${r.method} ${r.path}`));
		expect([...served].filter((r) => !declared.has(r)), 'served but not declared').toEqual([]);
		expect([...declared].filter((r) => !served.has(r)), 'declared but not served').toEqual([]);
	});

	it('covers the routes this issue is about', () => {
		const declared = routeAccessList().map((r) => `${r.method} ${r.path}`);
		for (const r of [
			'GET /api/health',
			'POST /api/auth/login',
			'POST /api/auth/logout',
			'POST /api/auth/logout-all',
			'GET /api/me',
			'GET /api/boards',
			'GET /api/boards/:id',
			'GET /api/boards/:id/activity',
			'GET /api/admin/users',
			'POST /api/admin/users',
			'POST /api/admin/users/:id/password',
			'POST /api/admin/users/:id/deactivate',
			'POST /api/admin/users/:id/reactivate',
			'GET /api/admin/agencies',
			'POST /api/admin/agencies',
			'POST /api/admin/agencies/:id/merge'
		]) {
			expect(declared).toContain(r);
		}
	});
});

describe('role × route', () => {
	const callers: (typeof ACCOUNTS[number] | null)[] = [null, ...ACCOUNTS];
	for (const caller of callers) {
		it(`${caller ? `${caller.username} (${caller.role})` : 'anonymous'}`, async () => {
			const outcomes: string[] = [];
			for (const route of routeAccessList()) {
				const res = await callAs(route, caller?.username ?? null);
				const admitted = allows(route.who, caller?.role ?? null);
				const expected = admitted ? 'admitted' : caller ? 403 : 401;
				// Anything but 401/403 means the access checks let the caller through (a 400 for the empty body,
				// a 404 for an unknown id); whether the handler then does its job is for that route's own tests.
				const got = res.status === 401 || res.status === 403 ? res.status : 'admitted';
				outcomes.push(`${route.method} ${route.path}: ${got === expected ? 'ok' : `expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`}`);
			}
			expect(outcomes.filter((o) => !o.endsWith(': ok'))).toEqual([]);
		});
	}
});
