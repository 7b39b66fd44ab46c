import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, closeCodeOf, login, startTestServer, type TestServer } from '../helpers/server.js';
import { call, loginCall } from './http.js';

let server: TestServer;
let token: string;
let cookie: string;
let boardId: string;
const EVIL = 'http://evil.example';

beforeAll(async () => {
	server = await startTestServer();
	const res = await loginCall(server.url, 'thuky', DEMO_PASSWORD);
	token = res.body.token;
	cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
	boardId = (await call(server.url, 'GET', '/api/boards', { token })).body[0].id;
});
afterAll(async () => server.stop());

describe('state-changing requests from another site', () => {
	it('a cookie-authenticated POST with a foreign Origin is refused with 403 csrf, and does nothing', async () => {
		const res = await call(server.url, 'POST', '/api/auth/logout-all', { headers: { cookie, origin: EVIL } });
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe('csrf');
		expect((await call(server.url, 'GET', '/api/me', { headers: { cookie } })).status).toBe(200);
	});

	it('every writing method is covered, on every /api route', async () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const res = await call(server.url, method, '/api/admin/users', { headers: { cookie, origin: EVIL }, body: {} });
			expect(res.status, method).toBe(403);
			expect(res.body.error.code, method).toBe('csrf');
		}
	});

	it('a login posted from another site is refused (no signing a victim into a chosen account)', async () => {
		const res = await loginCall(server.url, 'stc', DEMO_PASSWORD, { origin: EVIL });
		expect(res.status).toBe(403);
		expect(res.headers.get('set-cookie')).toBeNull();
	});

	it('without Origin, a request that the browser marks cross-site is refused', async () => {
		const res = await call(server.url, 'POST', '/api/auth/logout', { headers: { cookie, 'sec-fetch-site': 'cross-site' } });
		expect(res.status).toBe(403);
	});

	it('reads are not affected', async () => {
		const res = await call(server.url, 'GET', '/api/me', { headers: { cookie, origin: EVIL } });
		expect(res.status).toBe(200);
	});

	it('the same origin is accepted', async () => {
		const fresh = await loginCall(server.url, 'thuky', DEMO_PASSWORD, { origin: server.url });
		expect(fresh.status).toBe(200);
		const own = (fresh.headers.get('set-cookie') ?? '').split(';')[0];
		const res = await call(server.url, 'POST', '/api/auth/logout', { headers: { cookie: own, origin: server.url } });
		expect(res.status).toBe(200);
	});

	it('a Bearer token without a cookie is not a browser riding on a cookie, so it is exempt', async () => {
		const other = await login(server.url, 'stc');
		const res = await call(server.url, 'POST', '/api/auth/logout', { token: other, headers: { origin: EVIL } });
		expect(res.status).toBe(200);
		expect((await call(server.url, 'GET', '/api/me', { token: other })).status).toBe(401);
	});

	it('a Bearer token sent together with a cookie gets no exemption', async () => {
		const res = await call(server.url, 'POST', '/api/auth/logout', { token, headers: { cookie, origin: EVIL } });
		expect(res.status).toBe(403);
	});
});

describe('WebSocket upgrades from another site', () => {
	it('a cookie-authenticated upgrade with a foreign Origin is closed with 4403', async () => {
		expect(await closeCodeOf(`${server.wsUrl}/sync/board/${boardId}`, { cookie, origin: EVIL })).toBe(4403);
	});
});
