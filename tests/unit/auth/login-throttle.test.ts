import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.js';
import type { DB } from '../../../server/db/database.js';
import { LoginThrottle } from '../../../server/auth/login-throttle.js';
import { loadConfig, type LoginLimits } from '../../../server/config.js';

let db: DB;
let dir: string;
beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-throttle-'));
	db = (await openDatabase(dir)).db;
});
afterEach(async () => {
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
});

const LIMITS: LoginLimits = { windowMs: 60_000, perAccount: 10, perAccountAddress: 5, perAddress: 100 };

function throttle(limits = LIMITS) {
	const clock = { now: 1_000_000 };
	return { t: new LoginThrottle(db, limits, () => clock.now), clock };
}

describe('LoginThrottle (in the database)', () => {
	it('lets five failures on one account from one address through and blocks the sixth until the first leaves the window', async () => {
		const { t, clock } = throttle();
		for (let i = 0; i < 5; i++) {
			expect(await t.blockedFor('stc', '10.0.0.1')).toBe(0);
			await t.fail('stc', '10.0.0.1');
			clock.now += 1000;
		}
		// First failure at 1_000_000, now 1_005_000: it leaves the window at 1_060_000.
		expect(await t.blockedFor('stc', '10.0.0.1')).toBe(55_000);
		clock.now += 54_999;
		expect(await t.blockedFor('stc', '10.0.0.1')).toBe(1);
		clock.now += 1;
		expect(await t.blockedFor('stc', '10.0.0.1')).toBe(0);
	});

	it('blocks an account tried from ten addresses, from an eleventh address too', async () => {
		const { t } = throttle();
		for (let i = 1; i <= 10; i++) {
			expect(await t.blockedFor('stc', `203.0.113.${i}`)).toBe(0);
			await t.fail('stc', `203.0.113.${i}`);
		}
		expect(await t.blockedFor('stc', '203.0.113.11')).toBeGreaterThan(0);
		// Another account from those addresses is untouched.
		expect(await t.blockedFor('snnmt', '203.0.113.1')).toBe(0);
	});

	it('counts typos of many accounts behind one address against the address ceiling only', async () => {
		const { t } = throttle();
		for (let i = 0; i < 99; i++) await t.fail(`user${i}`, '10.0.0.1');
		expect(await t.blockedFor('newcomer', '10.0.0.1')).toBe(0);
		await t.fail('user99', '10.0.0.1');
		expect(await t.blockedFor('newcomer', '10.0.0.1')).toBeGreaterThan(0);
		expect(await t.blockedFor('newcomer', '10.0.0.2')).toBe(0);
	});

	it('a correct password forgets the account’s failures but not the address’s', async () => {
		const { t } = throttle({ ...LIMITS, perAddress: 6 });
		for (let i = 0; i < 5; i++) await t.fail('stc', '10.0.0.1');
		expect(await t.blockedFor('stc', '10.0.0.1')).toBeGreaterThan(0);
		await t.succeeded('stc', '10.0.0.1');
		expect(await t.blockedFor('stc', '10.0.0.1')).toBe(0);
		await t.fail('other', '10.0.0.1');
		expect(await t.blockedFor('stc', '10.0.0.1')).toBeGreaterThan(0);
	});

	it('keeps only failures inside the window in the table', async () => {
		const { t, clock } = throttle();
		for (let i = 0; i < 20; i++) {
			await t.fail(`spray${i}`, '10.0.0.9');
			clock.now += 10_000;
		}
		const rows = await db
			.selectFrom('login_failures')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		// Three keys per failure; the failures of the last 60 s (six or seven) remain.
		expect(Number(rows.n)).toBeLessThanOrEqual(3 * 7);
		expect(Number(rows.n)).toBeGreaterThanOrEqual(3 * 6);
	});

	it('stores hashes, never the usernames or addresses typed', async () => {
		const { t } = throttle();
		await t.fail('bí-mật', '198.51.100.7');
		const keys = (await db.selectFrom('login_failures').select('key').execute()).map((r) => r.key);
		expect(keys).toHaveLength(3);
		for (const k of keys) expect(k).toMatch(/^[0-9a-f]{64}$/);
	});

	it('two throttles on one database (two nodes) share the counts', async () => {
		const a = throttle().t;
		const b = throttle().t;
		for (let i = 0; i < 3; i++) await a.fail('stc', '10.0.0.1');
		for (let i = 0; i < 2; i++) await b.fail('stc', '10.0.0.1');
		expect(await a.blockedFor('stc', '10.0.0.1')).toBeGreaterThan(0);
		expect(await b.blockedFor('stc', '10.0.0.1')).toBeGreaterThan(0);
	});

	it('reads its window and limits from the environment, with defaults of 15 minutes, 10, 5 and 100', () => {
		expect(loadConfig({}).login).toEqual({ windowMs: 900_000, perAccount: 10, perAccountAddress: 5, perAddress: 100 });
		expect(
			loadConfig({ LOGIN_WINDOW_MS: '500', LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_ACCOUNT_ADDRESS: '2', LOGIN_MAX_FAILURES_ADDRESS: '40' }).login
		).toEqual({ windowMs: 500, perAccount: 3, perAccountAddress: 2, perAddress: 40 });
		expect(loadConfig({ LOGIN_WINDOW_MS: 'abc', LOGIN_MAX_FAILURES: '-1' }).login.perAccount).toBe(10);
	});
});
