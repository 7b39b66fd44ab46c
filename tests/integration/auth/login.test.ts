import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startTestServer, type TestServer } from '../helpers/server.js';
import { call, loginCall, openSocket } from './http.js';

let server: TestServer;
let boardId: string;

beforeAll(async () => {
	// This file makes many failed attempts on purpose (timing); the limits themselves are tested in brute-force.test.ts.
	server = await startTestServer({ login: { windowMs: 60_000, perAccount: 1000, perAccountAddress: 1000, perAddress: 1000 } });
	const boards = await call(server.url, 'GET', '/api/boards', { token: await login(server.url, 'snnmt') });
	boardId = boards.body[0].id;
});
afterAll(async () => {
	await server.stop();
});

describe('POST /api/auth/login', () => {
	it('returns a token and the user, and sets an HttpOnly SameSite=Lax cookie', async () => {
		const res = await loginCall(server.url, 'stc', DEMO_PASSWORD);
		expect(res.status).toBe(200);
		expect(res.body.user).toMatchObject({ username: 'stc', role: 'editor' });
		expect(res.body.user.agencyId).toBeTruthy();
		expect(typeof res.body.token).toBe('string');
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^phoihop_session=/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).not.toMatch(/Secure/i);
		const me = await call(server.url, 'GET', '/api/me', { headers: { cookie: cookie.split(';')[0] } });
		expect(me.status).toBe(200);
		expect(me.body.user.username).toBe('stc');
	});

	it('accepts the username in any case and with spaces around it', async () => {
		expect((await loginCall(server.url, '  STC ', DEMO_PASSWORD)).status).toBe(200);
	});

	it('answers an unknown user exactly like a wrong password', async () => {
		const wrong = await loginCall(server.url, 'stc', 'not-the-password');
		const unknown = await loginCall(server.url, 'khong-co-ai', 'not-the-password');
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(wrong.status);
		expect(unknown.body).toEqual(wrong.body);
		expect(wrong.body.error.code).toBe('invalid_credentials');
	});

	it('takes about as long for an unknown user as for a wrong password (both run scrypt)', async () => {
		const time = async (username: string) => {
			const start = performance.now();
			await loginCall(server.url, username, 'not-the-password');
			return performance.now() - start;
		};
		const known: number[] = [];
		const unknown: number[] = [];
		for (let i = 0; i < 6; i++) {
			known.push(await time('snnmt'));
			unknown.push(await time(`nobody-${i}`));
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		const ratio = median(unknown) / median(known);
		expect(ratio).toBeGreaterThan(0.5);
		expect(ratio).toBeLessThan(2);
	});

	it('refuses a missing username or password with 400', async () => {
		expect((await call(server.url, 'POST', '/api/auth/login', { body: { username: 'stc' } })).status).toBe(400);
		expect((await call(server.url, 'POST', '/api/auth/login', { body: {} })).status).toBe(400);
	});

	it('sets a Secure cookie when SECURE_COOKIES is on', async () => {
		const secure = await startTestServer({ secureCookies: true });
		try {
			const res = await loginCall(secure.url, 'stc', DEMO_PASSWORD);
			expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
		} finally {
			await secure.stop();
		}
	});
});

describe('signing out', () => {
	it('logout ends this session only and clears the cookie', async () => {
		const a = await login(server.url, 'lmhtx');
		const b = await login(server.url, 'lmhtx');
		const res = await call(server.url, 'POST', '/api/auth/logout', { token: a });
		expect(res.status).toBe(200);
		expect(res.headers.get('set-cookie')).toMatch(/phoihop_session=;/);
		expect((await call(server.url, 'GET', '/api/me', { token: a })).status).toBe(401);
		expect((await call(server.url, 'GET', '/api/me', { token: b })).status).toBe(200);
	});

	it('logout-all ends every session of the user and closes their sockets', async () => {
		const a = await login(server.url, 'snnmt');
		const b = await login(server.url, 'snnmt');
		const other = await login(server.url, 'stc');
		const socket = await openSocket(`${server.wsUrl}/sync/board/${boardId}?token=${a}`);
		// Every device of the account, this one too: only with the password typed again.
		const bare = await call(server.url, 'POST', '/api/auth/logout-all', { token: b, body: {} });
		expect(bare.status).toBe(400);
		expect(bare.body.error.code).toBe('password_required');
		const wrong = await call(server.url, 'POST', '/api/auth/logout-all', { token: b, body: { password: 'doan-sai' } });
		expect(wrong.status).toBe(403);
		expect((await call(server.url, 'GET', '/api/me', { token: a })).status).toBe(200);
		const res = await call(server.url, 'POST', '/api/auth/logout-all', { token: b, body: { password: DEMO_PASSWORD } });
		expect(res.status).toBe(200);
		expect(res.body.closedConnections).toBe(1);
		expect(await socket.closed).toBe(4401);
		expect((await call(server.url, 'GET', '/api/me', { token: a })).status).toBe(401);
		expect((await call(server.url, 'GET', '/api/me', { token: b })).status).toBe(401);
		expect((await call(server.url, 'GET', '/api/me', { token: other })).status).toBe(200);
	});

	it('logout-all needs a session', async () => {
		expect((await call(server.url, 'POST', '/api/auth/logout-all')).status).toBe(401);
	});
});
