/**
 * Session limits and the user's list of sessions, over real HTTP and real sockets. The limits are
 * seconds here (SESSION_IDLE_MS / SESSION_MAX_AGE_MS are minutes and hours in production).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../../server/auth/sessions.js';
import { loadConfig } from '../../../server/config.js';
import { api, connectBoard, DEMO_PASSWORD, login, startTestServer, synced, waitFor, type TestServer } from '../helpers/server.js';
import { call, loginCall, openSocket } from './http.js';
import { setProgress } from '../../../src/lib/core/board-doc.js';

let server: TestServer | null = null;
afterEach(async () => {
	await server?.stop();
	server = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const me = (token: string) => call(server!.url, 'GET', '/api/me', { token });

interface SessionView {
	id: string;
	current: boolean;
	createdAt: string;
	lastSeenAt: string;
	expiresAt: string;
	browser: string | null;
	os: string | null;
}

async function loginAs(username: string, userAgent: string): Promise<string> {
	const res = await loginCall(server!.url, username, 'demo-phoihop', { 'user-agent': userAgent });
	expect(res.status).toBe(200);
	return res.body.token as string;
}

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('limits (OWASP ASVS 3.3.1, 3.3.2)', () => {
	it('the defaults are 30 minutes idle and 12 hours in all, and can be set from the environment', () => {
		expect(loadConfig({}).sessionIdleMs).toBe(30 * 60_000);
		expect(loadConfig({}).sessionMaxAgeMs).toBe(12 * 3_600_000);
		const c = loadConfig({ SESSION_IDLE_MS: '900000', SESSION_MAX_AGE_MS: '28800000' });
		expect([c.sessionIdleMs, c.sessionMaxAgeMs]).toEqual([900_000, 28_800_000]);
	});

	it('a session unused for longer than the idle limit ends; one in use stays', async () => {
		server = await startTestServer({ sessionIdleMs: 2000, sessionMaxAgeMs: 60_000 });
		const used = await login(server.url, 'stc');
		const idle = await login(server.url, 'snnmt');
		for (let i = 0; i < 8; i++) {
			await sleep(500);
			expect((await me(used)).status, `request ${i}`).toBe(200);
		}
		// Four seconds on: the idle one has been unused for twice its limit.
		expect((await me(idle)).status).toBe(401);
		expect((await me(used)).status).toBe(200);
		// And it is gone from the database, not merely refused.
		const left = await server.ctx.db.selectFrom('sessions').select('id').where('id', '=', SessionStore.hashToken(idle)).execute();
		expect(left).toHaveLength(0);
	}, 20_000);

	it('a session ends at its absolute lifetime however busy it is', async () => {
		server = await startTestServer({ sessionIdleMs: 2000, sessionMaxAgeMs: 3500 });
		const token = await login(server.url, 'stc');
		const started = Date.now();
		const statuses: number[] = [];
		while (Date.now() - started < 5000) {
			statuses.push((await me(token)).status);
			await sleep(300);
		}
		expect(statuses[0]).toBe(200);
		expect(statuses.at(-1)).toBe(401);
		// Refused from some point on, never accepted again.
		const firstRefusal = statuses.indexOf(401);
		expect(statuses.slice(firstRefusal).every((s) => s === 401)).toBe(true);
	}, 20_000);

	it('the cookie lasts as long as the absolute lifetime, not 30 days', async () => {
		server = await startTestServer({ sessionIdleMs: 30 * 60_000, sessionMaxAgeMs: 12 * 3_600_000 });
		const res = await loginCall(server.url, 'stc', 'demo-phoihop');
		expect(res.headers.get('set-cookie')).toMatch(/Max-Age=43200(;|$)/);
	});

	it('edits over the sync socket keep the session alive; an idle socket is closed once its session has expired', async () => {
		server = await startTestServer({ sessionIdleMs: 2000, sessionMaxAgeMs: 60_000 });
		const editorToken = await login(server.url, 'admin');
		const boardId = (await api<{ id: string }[]>(server.url, editorToken, '/api/boards'))[0].id;
		const cardId = (await api<{ cards: { id: string }[] }>(server.url, editorToken, `/api/boards/${boardId}`)).cards[0].id;
		const userId = (await me(editorToken)).body.user.id as string;
		const editor = connectBoard(server.wsUrl, boardId, editorToken);
		await synced(editor);
		for (let i = 0; i < 8; i++) {
			setProgress(editor.doc, cardId, 10 + i, { userId });
			await sleep(500);
		}
		// No HTTP request for four seconds, but edits every half second: still signed in.
		expect((await me(editorToken)).status).toBe(200);

		const readerToken = await login(server.url, 'lanhdao');
		const reader = await openSocket(`${server.wsUrl}/sync/board/${boardId}?token=${readerToken}`);
		// The reader only watches: the session expires and the server's sweep (every 10 s) closes the socket.
		expect(await Promise.race([reader.closed, sleep(15_000).then(() => 'still open')])).toBe(4401);
		editor.destroy();
	}, 30_000);
});

describe('the user’s sessions', () => {
	it('lists each session with its start, last use, browser and "this device", without the key it is stored under', async () => {
		server = await startTestServer();
		const laptop = await loginAs('stc', CHROME_WINDOWS);
		const phone = await loginAs('stc', SAFARI_IPHONE);
		await loginAs('snnmt', CHROME_WINDOWS);
		const res = await call(server.url, 'GET', '/api/auth/sessions', { token: laptop });
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toMatch(/no-store/);
		const list = res.body.sessions as SessionView[];
		expect(list).toHaveLength(2);
		const current = list.find((s) => s.current)!;
		expect(current).toMatchObject({ browser: 'Chrome 131', os: 'Windows' });
		expect(list.find((s) => !s.current)).toMatchObject({ browser: 'Safari 17', os: 'iPhone' });
		for (const s of list) {
			expect(Date.parse(s.createdAt)).toBeLessThanOrEqual(Date.parse(s.lastSeenAt));
			expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.now());
			expect([SessionStore.hashToken(laptop), SessionStore.hashToken(phone), laptop, phone]).not.toContain(s.id);
		}
		expect(res.body.idleMinutes).toBe(30);
		expect(res.body.maxAgeHours).toBe(12);
		expect(JSON.stringify(res.body)).not.toContain('Mozilla');
	});

	it('ending one session signs that device out and closes its sockets; the others go on', async () => {
		server = await startTestServer();
		const laptop = await loginAs('stc', CHROME_WINDOWS);
		const phone = await loginAs('stc', SAFARI_IPHONE);
		const boardId = (await api<{ id: string }[]>(server.url, phone, '/api/boards'))[0].id;
		const socket = await openSocket(`${server.wsUrl}/sync/board/${boardId}?token=${phone}`);
		const list = (await call(server.url, 'GET', '/api/auth/sessions', { token: laptop })).body.sessions as SessionView[];
		const phoneId = list.find((s) => !s.current)!.id;
		// Not without the password typed again (ASVS 3.3.4), like "everywhere else".
		const bare = await call(server.url, 'POST', `/api/auth/sessions/${phoneId}/end`, { token: laptop, body: {} });
		expect(bare.status).toBe(400);
		expect(bare.body.error.code).toBe('password_required');
		const wrong = await call(server.url, 'POST', `/api/auth/sessions/${phoneId}/end`, { token: laptop, body: { password: 'doan-sai' } });
		expect(wrong.status).toBe(403);
		expect(wrong.body.error.code).toBe('wrong_password');
		expect((await me(phone)).status).toBe(200);
		const res = await call(server.url, 'POST', `/api/auth/sessions/${phoneId}/end`, { token: laptop, body: { password: DEMO_PASSWORD } });
		expect(res.status).toBe(200);
		expect(await socket.closed).toBe(4401);
		expect((await me(phone)).status).toBe(401);
		expect((await me(laptop)).status).toBe(200);
		// Ending it again: it is not there any more.
		const again = await call(server.url, 'POST', `/api/auth/sessions/${phoneId}/end`, { token: laptop, body: { password: DEMO_PASSWORD } });
		expect(again.status).toBe(404);
		expect(again.body.error.code).toBe('session_not_found');
	});

	it('nobody ends another person’s session, even knowing its id', async () => {
		server = await startTestServer();
		const victim = await loginAs('snnmt', CHROME_WINDOWS);
		const attacker = await loginAs('stc', CHROME_WINDOWS);
		const victimId = ((await call(server.url, 'GET', '/api/auth/sessions', { token: victim })).body.sessions as SessionView[])[0].id;
		const res = await call(server.url, 'POST', `/api/auth/sessions/${victimId}/end`, { token: attacker, body: { password: DEMO_PASSWORD } });
		expect(res.status).toBe(404);
		expect((await me(victim)).status).toBe(200);
	});

	it('"sign out everywhere else" ends every other session and closes their sockets, keeping this one', async () => {
		server = await startTestServer();
		const here = await loginAs('stc', CHROME_WINDOWS);
		const elsewhere = [await loginAs('stc', SAFARI_IPHONE), await loginAs('stc', 'curl/8.5.0')];
		const other = await loginAs('snnmt', CHROME_WINDOWS);
		const boardId = (await api<{ id: string }[]>(server.url, here, '/api/boards'))[0].id;
		const hereSocket = await openSocket(`${server.wsUrl}/sync/board/${boardId}?token=${here}`);
		const sockets = await Promise.all(elsewhere.map((t) => openSocket(`${server!.wsUrl}/sync/board/${boardId}?token=${t}`)));
		const res = await call(server.url, 'POST', '/api/auth/sessions/end-others', { token: here, body: { password: DEMO_PASSWORD } });
		expect(res.body).toEqual({ ok: true, ended: 2 });
		expect(await Promise.all(sockets.map((s) => s.closed))).toEqual([4401, 4401]);
		for (const t of elsewhere) expect((await me(t)).status).toBe(401);
		expect((await me(here)).status).toBe(200);
		expect((await me(other)).status).toBe(200);
		expect(hereSocket.ws.readyState).toBe(hereSocket.ws.OPEN);
		hereSocket.ws.close();
		await waitFor(() => hereSocket.ws.readyState === hereSocket.ws.CLOSED);
	});

	it('ending the current session from the list clears the cookie', async () => {
		server = await startTestServer();
		const token = await loginAs('stc', CHROME_WINDOWS);
		const id = ((await call(server.url, 'GET', '/api/auth/sessions', { token })).body.sessions as SessionView[])[0].id;
		const res = await call(server.url, 'POST', `/api/auth/sessions/${id}/end`, { token, body: { password: DEMO_PASSWORD } });
		expect(res.body).toEqual({ ok: true, current: true });
		expect(res.headers.get('set-cookie')).toMatch(/^phoihop_session=;/);
		expect((await me(token)).status).toBe(401);
	});
});

describe('ending the other sessions asks for the password again (OWASP ASVS 3.3.4)', () => {
	const endOthers = (token: string, body?: unknown) => call(server!.url, 'POST', '/api/auth/sessions/end-others', { token, body });

	it('without the password, or with a wrong one, every session goes on; with the right one the others end', async () => {
		server = await startTestServer();
		const here = await loginAs('stc', CHROME_WINDOWS);
		const phone = await loginAs('stc', SAFARI_IPHONE);
		const boardId = (await api<{ id: string }[]>(server.url, phone, '/api/boards'))[0].id;
		const socket = await openSocket(`${server.wsUrl}/sync/board/${boardId}?token=${phone}`);

		const none = await endOthers(here);
		expect(none.status).toBe(400);
		expect(none.body.error.code).toBe('password_required');
		const empty = await endOthers(here, { password: '' });
		expect(empty.status).toBe(400);
		expect(empty.body.error.code).toBe('password_required');
		const wrong = await endOthers(here, { password: 'mat-khau-sai' });
		expect(wrong.status).toBe(403);
		expect(wrong.body.error).toMatchObject({ code: 'wrong_password', message: 'Mật khẩu không đúng' });
		// One longer than any password is wrong without being hashed.
		const long = await endOthers(here, { password: 'x'.repeat(300) });
		expect(long.status).toBe(403);
		expect(long.body.error.code).toBe('wrong_password');
		expect((await me(phone)).status).toBe(200);
		expect((await me(here)).status).toBe(200);
		expect(socket.ws.readyState).toBe(socket.ws.OPEN);

		const right = await endOthers(here, { password: DEMO_PASSWORD });
		expect(right.status).toBe(200);
		expect(right.body).toEqual({ ok: true, ended: 1 });
		expect(await socket.closed).toBe(4401);
		expect((await me(phone)).status).toBe(401);
		expect((await me(here)).status).toBe(200);
	});

	it('a wrong password there is a failed sign-in: the account locks for both, and the right password is refused while it is locked', async () => {
		server = await startTestServer({ login: { windowMs: 60_000, perAccount: 10, perAccountAddress: 3, perAddress: 100 } });
		const here = await loginAs('snnmt', CHROME_WINDOWS);
		const phone = await loginAs('snnmt', SAFARI_IPHONE);
		for (let i = 1; i <= 3; i++) expect((await endOthers(here, { password: `doan-${i}` })).status, `guess ${i}`).toBe(403);

		const locked = await endOthers(here, { password: DEMO_PASSWORD });
		expect(locked.status).toBe(429);
		expect(locked.body.error.code).toBe('too_many_attempts');
		expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await me(phone)).status).toBe(200);
		// The sign-in page counts the same failures: it is locked for this account too.
		const signIn = await loginCall(server.url, 'snnmt', DEMO_PASSWORD);
		expect(signIn.status).toBe(429);
		// Other accounts are not.
		expect((await loginCall(server.url, 'lmhtx', DEMO_PASSWORD)).status).toBe(200);
	});

	it('failed sign-ins lock the confirmation too, and a right password there clears the account’s failures', async () => {
		server = await startTestServer({ login: { windowMs: 60_000, perAccount: 10, perAccountAddress: 3, perAddress: 100 } });
		const here = await loginAs('lmhtx', CHROME_WINDOWS);
		await loginAs('lmhtx', SAFARI_IPHONE);
		for (let i = 1; i <= 2; i++) expect((await loginCall(server.url, 'lmhtx', `doan-${i}`)).status).toBe(401);
		// Two failures on the sign-in page, one more here: the third fills the key.
		expect((await endOthers(here, { password: 'doan-3' })).status).toBe(403);
		expect((await endOthers(here, { password: DEMO_PASSWORD })).status).toBe(429);

		await server.stop();
		server = await startTestServer({ login: { windowMs: 60_000, perAccount: 10, perAccountAddress: 3, perAddress: 100 } });
		const token = await loginAs('lmhtx', CHROME_WINDOWS);
		for (let i = 1; i <= 2; i++) expect((await loginCall(server.url, 'lmhtx', `doan-${i}`)).status).toBe(401);
		expect((await endOthers(token, { password: DEMO_PASSWORD })).body).toEqual({ ok: true, ended: 0 });
		// The account's count starts again: two more typos do not lock it.
		for (let i = 3; i <= 4; i++) expect((await loginCall(server.url, 'lmhtx', `doan-${i}`)).status).toBe(401);
		expect((await loginCall(server.url, 'lmhtx', DEMO_PASSWORD)).status).toBe(200);
	});
});
