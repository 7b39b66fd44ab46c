import { describe, expect, it } from 'vitest';
import { LoginThrottle, throttleFromEnv } from '../../../server/auth/login-throttle.js';

function throttle(windowMs = 60_000, maxFailures = 10) {
	const clock = { now: 1_000_000 };
	const t = new LoginThrottle({ windowMs, maxFailures, now: () => clock.now });
	return { t, clock };
}

describe('LoginThrottle', () => {
	it('lets ten failures through and blocks the eleventh attempt until the first failure leaves the window', () => {
		const { t, clock } = throttle();
		for (let i = 0; i < 10; i++) {
			expect(t.blockedFor(['a'])).toBe(0);
			t.fail(['a']);
			clock.now += 1000;
		}
		// First failure at 1_000_000, now 1_010_000: it leaves the window at 1_060_000.
		expect(t.blockedFor(['a'])).toBe(50_000);
		clock.now += 49_999;
		expect(t.blockedFor(['a'])).toBe(1);
		clock.now += 1;
		expect(t.blockedFor(['a'])).toBe(0);
	});

	it('blocks when any of the keys is blocked, for the longest of their waits', () => {
		const { t, clock } = throttle(10_000, 2);
		t.fail(['account:x', 'address:1']);
		clock.now += 3000;
		t.fail(['account:y', 'address:1']);
		expect(t.blockedFor(['account:z', 'address:1'])).toBe(7000);
		expect(t.blockedFor(['account:x'])).toBe(0);
	});

	it('clear forgets a key', () => {
		const { t } = throttle(10_000, 1);
		t.fail(['a']);
		expect(t.blockedFor(['a'])).toBeGreaterThan(0);
		t.clear('a');
		expect(t.blockedFor(['a'])).toBe(0);
	});

	it('keeps memory bounded when many keys are sprayed', () => {
		const clock = { now: 0 };
		const t = new LoginThrottle({ windowMs: 1000, maxFailures: 10, now: () => clock.now, maxKeys: 100 });
		for (let i = 0; i < 1000; i++) {
			t.fail([`k${i}`]);
			clock.now += 10;
		}
		expect((t as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(201);
	});

	it('reads its window and limit from the environment, with defaults', () => {
		const def = throttleFromEnv({});
		for (let i = 0; i < 10; i++) def.fail(['a']);
		expect(def.blockedFor(['a'])).toBeGreaterThan(59_000);
		const custom = throttleFromEnv({ LOGIN_WINDOW_MS: '500', LOGIN_MAX_FAILURES: '2' });
		custom.fail(['a']);
		expect(custom.blockedFor(['a'])).toBe(0);
		custom.fail(['a']);
		expect(custom.blockedFor(['a'])).toBeGreaterThan(0);
		expect(custom.blockedFor(['a'])).toBeLessThanOrEqual(500);
	});
});
