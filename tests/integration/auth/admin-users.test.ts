import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, closeCodeOf, login, startTestServer, type TestServer } from '../helpers/server.js';
import { call, loginCall, openSocket } from './http.js';

let server: TestServer;
let admin: string;
let boardId: string;
let stcAgency: string;
const idOf = new Map<string, string>();

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
	const users = await call(server.url, 'GET', '/api/admin/users', { token: admin });
	for (const u of users.body) idOf.set(u.username, u.id);
	stcAgency = users.body.find((u: { username: string }) => u.username === 'stc').agencyId;
	boardId = (await call(server.url, 'GET', '/api/boards', { token: await login(server.url, 'stc') })).body[0].id;
});
afterAll(async () => server.stop());

describe('accounts', () => {
	it('lists every account with its agency and state, never a password hash', async () => {
		const res = await call(server.url, 'GET', '/api/admin/users', { token: admin });
		expect(res.status).toBe(200);
		expect(res.body.map((u: { username: string }) => u.username).sort()).toEqual(['admin', 'lanhdao', 'lmhtx', 'snnmt', 'stc', 'thuky']);
		expect(res.body.find((u: { username: string }) => u.username === 'stc')).toMatchObject({
			role: 'editor',
			agencyName: 'Sở Tài chính',
			active: true
		});
		expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/);
	});

	it('creates an account that can sign in at once', async () => {
		const res = await call(server.url, 'POST', '/api/admin/users', {
			token: admin,
			body: { username: 'Nguyen.An', displayName: 'Nguyễn Văn An', password: 'mat-khau-moi-1', role: 'editor', agencyId: stcAgency }
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ username: 'nguyen.an', displayName: 'Nguyễn Văn An', role: 'editor', agencyId: stcAgency });
		const signIn = await loginCall(server.url, 'nguyen.an', 'mat-khau-moi-1');
		expect(signIn.status).toBe(200);
		expect(signIn.body.user.role).toBe('editor');
	});

	it('refuses bad input with 400 and a taken username with 409', async () => {
		const base = { username: 'moi', displayName: 'Mới', password: 'mat-khau-moi-1', role: 'editor', agencyId: stcAgency };
		const cases: [object, number][] = [
			[{ ...base, password: 'ngan' }, 400],
			[{ ...base, role: 'superuser' }, 400],
			[{ ...base, agencyId: null }, 400],
			[{ ...base, agencyId: 'khong-ton-tai' }, 400],
			[{ ...base, username: 'có dấu' }, 400],
			[{ ...base, username: 'stc' }, 409]
		];
		for (const [body, status] of cases) {
			const res = await call(server.url, 'POST', '/api/admin/users', { token: admin, body });
			expect(res.status, JSON.stringify(body)).toBe(status);
			expect(res.body.error.message).toBeTruthy();
		}
	});

	it('a password reset ends the account’s sessions; the old password stops working, the new one works', async () => {
		const old = await login(server.url, 'snnmt');
		const res = await call(server.url, 'POST', `/api/admin/users/${idOf.get('snnmt')}/password`, {
			token: admin,
			body: { password: 'mat-khau-snnmt-2' }
		});
		expect(res.status).toBe(200);
		expect((await call(server.url, 'GET', '/api/me', { token: old })).status).toBe(401);
		expect((await loginCall(server.url, 'snnmt', DEMO_PASSWORD)).status).toBe(401);
		expect((await loginCall(server.url, 'snnmt', 'mat-khau-snnmt-2')).status).toBe(200);
	});

	it('an administrator resetting their own password keeps the session they are using', async () => {
		const res = await call(server.url, 'POST', `/api/admin/users/${idOf.get('admin')}/password`, {
			token: admin,
			body: { password: DEMO_PASSWORD }
		});
		expect(res.status).toBe(200);
		expect((await call(server.url, 'GET', '/api/me', { token: admin })).status).toBe(200);
	});

	it('an administrator cannot deactivate themselves', async () => {
		const res = await call(server.url, 'POST', `/api/admin/users/${idOf.get('admin')}/deactivate`, { token: admin });
		expect(res.status).toBe(400);
	});

	it('unknown accounts are 404', async () => {
		expect((await call(server.url, 'POST', '/api/admin/users/nope/deactivate', { token: admin })).status).toBe(404);
		expect((await call(server.url, 'POST', '/api/admin/users/nope/password', { token: admin, body: { password: 'abcdefghij' } })).status).toBe(404);
	});
});

describe('deactivation', () => {
	it('closes the user’s open sockets at once, ends their sessions, and refuses new ones', async () => {
		const token = await login(server.url, 'stc');
		const socket = await openSocket(`${server.wsUrl}/sync/board/${boardId}?token=${token}`);
		const res = await call(server.url, 'POST', `/api/admin/users/${idOf.get('stc')}/deactivate`, { token: admin });
		expect(res.status).toBe(200);
		expect(res.body.closedConnections).toBe(1);
		expect(await socket.closed).toBe(4401);
		expect((await call(server.url, 'GET', '/api/me', { token })).status).toBe(401);
		expect(await closeCodeOf(`${server.wsUrl}/sync/board/${boardId}?token=${token}`)).toBe(4401);
		// With the right password the user is told the account is locked; with a wrong one, nothing new.
		const locked = await loginCall(server.url, 'stc', DEMO_PASSWORD);
		expect(locked.status).toBe(403);
		expect(locked.body.error.code).toBe('account_disabled');
		expect((await loginCall(server.url, 'stc', 'wrong-password')).status).toBe(401);
		const listed = await call(server.url, 'GET', '/api/admin/users', { token: admin });
		expect(listed.body.find((u: { username: string }) => u.username === 'stc').active).toBe(false);
	});

	it('reactivation lets the user sign in again; the old token stays dead', async () => {
		const stale = await login(server.url, 'lmhtx');
		await call(server.url, 'POST', `/api/admin/users/${idOf.get('lmhtx')}/deactivate`, { token: admin });
		const res = await call(server.url, 'POST', `/api/admin/users/${idOf.get('lmhtx')}/reactivate`, { token: admin });
		expect(res.status).toBe(200);
		expect((await call(server.url, 'GET', '/api/me', { token: stale })).status).toBe(401);
		const fresh = await login(server.url, 'lmhtx');
		expect((await call(server.url, 'GET', '/api/me', { token: fresh })).status).toBe(200);
	});
});
