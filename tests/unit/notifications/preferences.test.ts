import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePreferencesBody } from '../../../server/notifications/event-types.js';
import { signLink, verifyLink } from '../../../server/notifications/signed-token.js';
import { localTime, daysBetween } from '../../../server/notifications/clock.js';

describe('preferences bodies', () => {
	it('accepts known types with known modes', () => {
		expect(parsePreferencesBody({ mention: 'digest', deadline: 'none' })).toEqual({ mention: 'digest', deadline: 'none' });
	});

	it('refuses an unknown type, an unknown mode, an array, null and a prototype key', () => {
		expect(parsePreferencesBody({ mention: 'sometimes' })).toBeNull();
		expect(parsePreferencesBody({ everything: 'none' })).toBeNull();
		expect(parsePreferencesBody(['mention'])).toBeNull();
		expect(parsePreferencesBody(null)).toBeNull();
		expect(parsePreferencesBody(JSON.parse('{"__proto__": "none"}'))).toBeNull();
	});

	it('any JSON value: either refused or only known types with known modes', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (v) => {
				const p = parsePreferencesBody(v);
				if (p === null) return;
				for (const [k, m] of Object.entries(p)) {
					expect(['mention', 'handler', 'reminder', 'comment', 'conclusion', 'deadline']).toContain(k);
					expect(['immediate', 'digest', 'none']).toContain(m);
				}
			}),
			{ numRuns: 3000 }
		);
	});
});

describe('signed links', () => {
	const now = Date.parse('2026-11-30T00:00:00Z');
	const claims = { u: 'user-1', s: 'off' as const, t: ['mention'], e: now / 1000 + 60 };

	it('a link verifies with its secret and says what it was signed for', () => {
		expect(verifyLink('secret', signLink('secret', claims), now)).toEqual(claims);
	});

	it('another secret, an expired link or any changed character is refused', () => {
		const token = signLink('secret', claims);
		expect(verifyLink('other', token, now)).toBeNull();
		expect(verifyLink('secret', token, now + 61_000)).toBeNull();
		fc.assert(
			fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCxyz019-_.'), (i, ch) => {
				fc.pre(token[i] !== ch);
				expect(verifyLink('secret', token.slice(0, i) + ch + token.slice(i + 1), now)).toBeNull();
			}),
			{ numRuns: 500 }
		);
	});
});

describe('time in Viet Nam', () => {
	it('00:30 UTC is 07:30 of the same day in Asia/Ho_Chi_Minh, 17:00 UTC is past midnight of the next', () => {
		expect(localTime(new Date('2026-11-30T00:30:00Z'))).toEqual({ day: '2026-11-30', minutes: 450 });
		expect(localTime(new Date('2026-11-30T17:00:00Z'))).toEqual({ day: '2026-12-01', minutes: 0 });
	});

	it('counts whole days between dates across a month end', () => {
		expect(daysBetween('2026-11-30', '2026-12-07')).toBe(7);
		expect(daysBetween('2026-12-01', '2026-11-30')).toBe(-1);
	});
});
