import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { loginCall } from './http.js';

/**
 * The window is configurable so that "after the window" does not take a minute here. It must still
 * be longer than ten scrypt checks on a busy test machine, or early failures would leave it too soon.
 */
const WINDOW_MS = 6000;
let server: TestServer;
const saved = process.env.LOGIN_WINDOW_MS;

beforeAll(() => {
	process.env.LOGIN_WINDOW_MS = String(WINDOW_MS);
});
afterAll(() => {
	if (saved === undefined) delete process.env.LOGIN_WINDOW_MS;
	else process.env.LOGIN_WINDOW_MS = saved;
});
// A server per test: the counts (per account, per address) start from zero.
beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => server.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function retryAfter(res: { headers: Headers }): Promise<number> {
	const seconds = Number(res.headers.get('retry-after'));
	expect(seconds).toBeGreaterThanOrEqual(1);
	expect(seconds).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
	return seconds;
}

it('the 11th failed attempt on an account within the window gets 429 with Retry-After; after the window the right password works', async () => {
	for (let i = 1; i <= 10; i++) {
		const res = await loginCall(server.url, 'stc', `wrong-${i}`);
		expect(res.status, `attempt ${i}`).toBe(401);
	}
	const blocked = await loginCall(server.url, 'stc', 'wrong-11');
	expect(blocked.status).toBe(429);
	expect(blocked.body.error.code).toBe('too_many_attempts');
	const seconds = await retryAfter(blocked);
	// Inside the window even the right password is refused: the guesser learns nothing from it.
	expect((await loginCall(server.url, 'stc', DEMO_PASSWORD)).status).toBe(429);

	await sleep(seconds * 1000 + 100);
	const ok = await loginCall(server.url, 'stc', DEMO_PASSWORD);
	expect(ok.status).toBe(200);
	expect(ok.body.user.username).toBe('stc');
}, 30_000);

it('an address spraying many usernames is limited too, whichever account it tries next', async () => {
	for (let i = 1; i <= 10; i++) {
		expect((await loginCall(server.url, `guess-${i}`, 'password123')).status).toBe(401);
	}
	const blocked = await loginCall(server.url, 'snnmt', DEMO_PASSWORD);
	expect(blocked.status).toBe(429);
	await sleep((await retryAfter(blocked)) * 1000 + 100);
	expect((await loginCall(server.url, 'snnmt', DEMO_PASSWORD)).status).toBe(200);
}, 30_000);

it('an unknown account is counted and answered like a known one', async () => {
	const answers = [];
	for (let i = 1; i <= 11; i++) answers.push(await loginCall(server.url, 'nobody', 'x'.repeat(9)));
	expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
	expect(answers[10].status).toBe(429);
	expect(answers[10].headers.get('retry-after')).toBeTruthy();
});
