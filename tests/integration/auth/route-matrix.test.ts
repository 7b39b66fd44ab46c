/**
 * Who may call each /api route, written down by hand here (from the permission table of the
 * architecture, not from the route declarations), and checked by calling every route as each
 * demo role and anonymously: "ok" means the access checks let the caller through (any answer but
 * 401/403: a 400 for the empty body, a 404 for an unknown id), 401/403 the refusal expected.
 * The test also fails when the app serves an /api route this table does not list, or the table
 * lists one the app does not serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { login, startTestServer, type TestServer } from '../helpers/server.js';
import { call } from './http.js';

/** The callers, in the order of the table's columns. */
const CALLERS = [
	{ column: 'admin', username: 'admin' },
	{ column: 'facilitator', username: 'thuky' },
	{ column: 'leader', username: 'lanhdao' },
	{ column: 'agency', username: 'stc' },
	{ column: 'anonymous', username: null }
] as const;

// prettier-ignore
const TABLE = `
method path                                          admin  facilitator leader agency anonymous
GET    /api/health                                   ok     ok          ok     ok     ok
GET    /api/ready                                    ok     ok          ok     ok     ok
POST   /api/health/reset                             ok     403         403    403    401
POST   /api/auth/login                               ok     ok          ok     ok     ok
POST   /api/auth/logout                              ok     ok          ok     ok     ok
POST   /api/auth/logout-all                          ok     ok          ok     ok     401
GET    /api/auth/sessions                            ok     ok          ok     ok     401
POST   /api/auth/sessions/:id/end                    ok     ok          ok     ok     401
POST   /api/auth/sessions/end-others                 ok     ok          ok     ok     401
GET    /api/me                                       ok     ok          ok     ok     401
POST   /api/me/organization                          ok     ok          ok     ok     401
GET    /api/platform/organizations                   ok     403         403    403    401
POST   /api/platform/organizations                   ok     403         403    403    401
POST   /api/platform/organizations/:id/members       ok     403         403    403    401
GET    /api/members                                  ok     ok          ok     ok     401
PUT    /api/members/:id                              ok     403         403    403    401
GET    /api/admin/users                              ok     403         403    403    401
POST   /api/admin/users                              ok     403         403    403    401
POST   /api/admin/users/:id/password                 ok     403         403    403    401
POST   /api/admin/users/:id/deactivate               ok     403         403    403    401
POST   /api/admin/users/:id/reactivate               ok     403         403    403    401
GET    /api/admin/agencies                           ok     403         403    403    401
POST   /api/admin/agencies                           ok     403         403    403    401
POST   /api/admin/agencies/:id/merge                 ok     403         403    403    401
GET    /api/admin/quarantine                         ok     403         403    403    401
GET    /api/admin/quarantine/:id/data                ok     403         403    403    401
GET    /api/boards                                   ok     ok          ok     ok     401
GET    /api/boards/:id                               ok     ok          ok     ok     401
GET    /api/boards/:id/activity                      ok     ok          ok     ok     401
POST   /api/boards/:id/cards/:cardId/attachments     ok     ok          ok     ok     401
GET    /api/attachments/:id                          ok     ok          ok     ok     401
GET    /api/agencies                                 ok     ok          ok     ok     401
GET    /api/people                                   ok     ok          ok     ok     401
POST   /api/boards/:id/snapshots                     ok     ok          403    403    401
GET    /api/boards/:id/snapshots                     ok     ok          ok     ok     401
GET    /api/snapshots/:id                            ok     ok          ok     ok     401
GET    /api/snapshots/:id/state                      ok     ok          ok     ok     401
GET    /api/snapshots/:id/compare/:otherId           ok     ok          ok     ok     401
GET    /api/boards/:id/dashboard                     ok     ok          ok     ok     401
GET    /api/boards/:id/export.xlsx                   ok     ok          ok     ok     401
GET    /api/boards/:id/report.docx                   ok     ok          ok     ok     401
GET    /api/snapshots/:id/dashboard                  ok     ok          ok     ok     401
GET    /api/snapshots/:id/export.xlsx                ok     ok          ok     ok     401
GET    /api/snapshots/:id/report.docx                ok     ok          ok     ok     401
PUT    /api/indicators/:id                           ok     403         403    403    401
POST   /api/boards/:id/reviews                       ok     ok          403    403    401
GET    /api/boards/:id/reviews                       ok     ok          ok     ok     401
GET    /api/reviews/:sid                             ok     ok          ok     ok     401
POST   /api/reviews/:sid/join                        ok     ok          ok     ok     401
PUT    /api/reviews/:sid/order                       ok     ok          ok     ok     401
POST   /api/reviews/:sid/current                     ok     ok          ok     ok     401
POST   /api/reviews/:sid/control                     ok     ok          ok     ok     401
POST   /api/reviews/:sid/items/:itemId               ok     ok          ok     ok     401
POST   /api/reviews/:sid/close                       ok     ok          ok     ok     401
GET    /api/reviews/:sid/minutes                     ok     ok          ok     ok     401
GET    /api/reviews/:sid/minutes.docx                ok     ok          ok     ok     401
GET    /api/inbox                                    ok     ok          ok     ok     401
GET    /api/inbox/unread-count                       ok     ok          ok     ok     401
POST   /api/inbox/read                               ok     ok          ok     ok     401
GET    /api/inbox/stream                             ok     ok          ok     ok     401
GET    /api/boards/:id/late-agencies                 ok     ok          ok     403    401
POST   /api/boards/:id/reminders                     ok     ok          403    403    401
GET    /api/notifications/preferences                ok     ok          ok     ok     401
PUT    /api/notifications/preferences                ok     ok          ok     ok     401
POST   /api/notifications/unsubscribe                ok     ok          ok     ok     ok
POST   /api/import/upload                            ok     403         403    403    401
GET    /api/import/drafts/:id                        ok     403         403    403    401
POST   /api/import/drafts/:id/edits                  ok     403         403    403    401
POST   /api/import/drafts/:id/create                 ok     403         403    403    401
DELETE /api/import/drafts/:id                        ok     403         403    403    401
POST   /api/roundtrip/upload                         ok     403         403    403    401
POST   /api/roundtrip/:id/preview                    ok     403         403    403    401
POST   /api/roundtrip/:id/apply                      ok     403         403    403    401
`;

interface Row {
	method: string;
	path: string;
	expected: string[];
}

const ROWS: Row[] = TABLE.trim()
	.split('\n')
	.slice(1)
	.map((line) => {
		const [method, path, ...expected] = line.trim().split(/\s+/);
		return { method, path, expected };
	});

let server: TestServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
	server = await startTestServer();
	const admin = await login(server.url, 'admin');
	// A board every caller above sees, so that board routes answer on access alone.
	const lists = await Promise.all(
		CALLERS.filter((c) => c.username).map(
			async (c) => (await call(server.url, 'GET', '/api/boards', { token: await login(server.url, c.username!) })).body as { id: string }[]
		)
	);
	ids.board = lists[0].map((b) => b.id).find((id) => lists.every((l) => l.some((b) => b.id === id)))!;
	expect(ids.board).toBeTruthy();
	// Throwaway targets for the admin routes that act on an account or an agency.
	ids.agency = (await call(server.url, 'POST', '/api/admin/agencies', { token: admin, body: { name: 'Đơn vị thử quyền' } })).body.id;
	ids.user = (
		await call(server.url, 'POST', '/api/admin/users', {
			token: admin,
			body: { username: 'thu-quyen', displayName: 'Thử quyền', password: 'mat-khau-thu', role: 'viewer', agencyId: ids.agency }
		})
	).body.id;
});
afterAll(async () => server.stop());

/** Real ids where access depends on the object (a board everyone sees, throwaway admin targets); 'unknown' elsewhere. */
function concretePath(path: string): string {
	const id = path.startsWith('/api/boards/')
		? ids.board
		: path.startsWith('/api/admin/users/')
			? ids.user
			: path.startsWith('/api/admin/agencies/')
				? ids.agency
				: 'unknown';
	return path.replace(/:[A-Za-z]+/, id).replace(/:[A-Za-z]+/g, 'unknown');
}

const tokens = new Map<string, string>();

async function callAs(row: Row, username: string | null) {
	// One session per account for the walk (each sign-in costs a deliberate scrypt); signing out would
	// end it, so those routes get a session of their own.
	let token: string | undefined;
	if (username && row.path.includes('/logout')) {
		token = await login(server.url, username);
		tokens.delete(username); // "sign out everywhere" ends the cached session too
	} else if (username) {
		if (!tokens.has(username)) tokens.set(username, await login(server.url, username));
		token = tokens.get(username);
	}
	return call(server.url, row.method, concretePath(row.path), { token, body: row.method === 'GET' ? undefined : {} });
}

describe('the access table', () => {
	it('lists every /api route the app serves, and only those', () => {
		const app = createApp({
			ctx: server.ctx,
			sync: server.sync,
			sessions: server.sessions,
			notifications: server.notifications,
			upgradeWebSocket: (() => async (_c: unknown, next: () => Promise<void>) => next()) as never
		});
		const served = new Set(app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
		const listed = new Set(ROWS.map((r) => `${r.method} ${r.path}`));
		expect(
			[...served].filter((r) => !listed.has(r)),
			'served but not in the table'
		).toEqual([]);
		expect(
			[...listed].filter((r) => !served.has(r)),
			'in the table but not served'
		).toEqual([]);
	});

	for (const [column, caller] of CALLERS.entries()) {
		it(`${caller.column}${caller.username ? ` (${caller.username})` : ''}: every route answers as the table says`, async () => {
			const wrong: string[] = [];
			for (const row of ROWS) {
				const res = await callAs(row, caller.username);
				const got = res.status === 401 || res.status === 403 ? String(res.status) : 'ok';
				if (got !== row.expected[column])
					wrong.push(`${row.method} ${row.path}: expected ${row.expected[column]}, got ${res.status} ${JSON.stringify(res.body)}`);
			}
			expect(wrong).toEqual([]);
		}, 60_000);
	}

	it("an organization's administrator who is not a platform administrator may not manage organizations", async () => {
		const token = await login(server.url, 'dn.admin');
		const res = await call(server.url, 'GET', '/api/platform/organizations', { token });
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe('platform_admin_only');
	});
});
