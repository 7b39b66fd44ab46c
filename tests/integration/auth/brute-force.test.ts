/**
 * Sign-in throttling over real HTTP, with real source addresses: the test's connections leave from
 * several loopback addresses (127.0.0.x), which the server sees as different clients.
 */
import http from 'node:http';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import type { LoginLimits } from '../../../server/config.js';

/**
 * The window is short so that "after the window" does not take fifteen minutes here. It must still
 * be longer than the attempts of a test on a busy test machine, or early failures would leave it too soon.
 */
const WINDOW_MS = 8000;
const LIMITS: LoginLimits = { windowMs: WINDOW_MS, perAccount: 10, perAccountAddress: 5, perAddress: 100 };
let server: TestServer;

// A server per test: the counts start from zero.
beforeEach(async () => {
	server = await startTestServer({ login: LIMITS });
});
afterEach(async () => server.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
	status: number;
	retryAfter: string | undefined;
	body: { error?: { code: string; retryAfter?: number }; user?: { username: string } };
}

/** POST /api/auth/login from a given local address. */
function loginFrom(address: string, username: string, password: string): Promise<Answer> {
	const body = JSON.stringify({ username, password });
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${server.url}/api/auth/login`,
			{ method: 'POST', localAddress: address, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text) })
				);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

function expectThrottled(a: Answer) {
	expect(a.status).toBe(429);
	expect(a.body.error?.code).toBe('too_many_attempts');
	const seconds = Number(a.retryAfter);
	expect(seconds).toBeGreaterThanOrEqual(1);
	expect(seconds).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
	expect(a.body.error?.retryAfter).toBe(seconds);
	return seconds;
}

it('ten typos of ten colleagues behind one office address do not lock an eleventh colleague out', async () => {
	const office = '127.0.0.2';
	const colleagues = ['admin', 'thuky', 'lanhdao', 'stc', 'snnmt', 'lmhtx', 'dn.admin', 'dn.thuky', 'dn.stc', 'dn.snnmt'];
	for (const name of colleagues) expect((await loginFrom(office, name, 'sai-mat-khau')).status, name).toBe(401);
	const eleventh = await loginFrom(office, 'hn.stc', DEMO_PASSWORD);
	expect(eleventh.status).toBe(200);
	expect(eleventh.body.user?.username).toBe('hn.stc');
	// And each colleague, typing right this time, gets in.
	expect((await loginFrom(office, 'stc', DEMO_PASSWORD)).status).toBe(200);
}, 30_000);

it('one address guessing one account is stopped after five failures with Retry-After; after the window the right password works', async () => {
	for (let i = 1; i <= 5; i++) expect((await loginFrom('127.0.0.3', 'stc', `wrong-${i}`)).status, `attempt ${i}`).toBe(401);
	const blocked = await loginFrom('127.0.0.3', 'stc', 'wrong-6');
	const seconds = expectThrottled(blocked);
	// Inside the window even the right password is refused from there: the guesser learns nothing from it.
	expectThrottled(await loginFrom('127.0.0.3', 'stc', DEMO_PASSWORD));
	// The account's owner at another desk is not locked out by it.
	expect((await loginFrom('127.0.0.4', 'stc', DEMO_PASSWORD)).status).toBe(200);

	await sleep(seconds * 1000 + 100);
	expect((await loginFrom('127.0.0.3', 'stc', DEMO_PASSWORD)).status).toBe(200);
}, 30_000);

it('an account attacked from many addresses is still protected: the eleventh failure anywhere locks it', async () => {
	for (let i = 1; i <= 10; i++) expect((await loginFrom(`127.0.1.${i}`, 'snnmt', `doan-${i}`)).status, `address ${i}`).toBe(401);
	expectThrottled(await loginFrom('127.0.1.11', 'snnmt', 'doan-11'));
	expectThrottled(await loginFrom('127.0.1.12', 'snnmt', DEMO_PASSWORD));
	// Other accounts are not affected.
	expect((await loginFrom('127.0.1.1', 'lmhtx', DEMO_PASSWORD)).status).toBe(200);
}, 30_000);

it('an address spraying many usernames meets the address ceiling, whichever account it tries next', async () => {
	await server.stop();
	server = await startTestServer({ login: { ...LIMITS, perAddress: 12 } });
	for (let i = 1; i <= 12; i++) expect((await loginFrom('127.0.0.5', `guess-${i}`, 'password123')).status).toBe(401);
	expectThrottled(await loginFrom('127.0.0.5', 'lmhtx', DEMO_PASSWORD));
	expect((await loginFrom('127.0.0.6', 'lmhtx', DEMO_PASSWORD)).status).toBe(200);
}, 30_000);

it('an unknown account is counted and answered like a known one', async () => {
	const answers = [];
	for (let i = 1; i <= 6; i++) answers.push(await loginFrom('127.0.0.7', 'nobody', 'x'.repeat(9)));
	expect(answers.slice(0, 5).map((a) => a.status)).toEqual(Array(5).fill(401));
	expectThrottled(answers[5]);
});

it('the counts are in the database: two nodes on the same data add up the failures on one account', async () => {
	const second = await startTestServer({ login: LIMITS, dataDir: server.dataDir, databaseUrl: server.ctx.config.databaseUrl, demo: false });
	try {
		const viaSecond = (password: string) =>
			fetch(`${second.url}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'thuky', password })
			});
		for (let i = 1; i <= 5; i++) expect((await loginFrom('127.0.0.8', 'thuky', `wrong-${i}`)).status).toBe(401);
		for (let i = 1; i <= 5; i++) expect((await viaSecond(`other-${i}`)).status).toBe(401);
		// Five here and five there: the account's ten are reached on both nodes.
		const res = await viaSecond(DEMO_PASSWORD);
		expect(res.status).toBe(429);
		expectThrottled(await loginFrom('127.0.0.9', 'thuky', DEMO_PASSWORD));
	} finally {
		await second.close();
	}
}, 30_000);
