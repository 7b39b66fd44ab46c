import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite, type CsrfRequest } from '../../../server/auth/csrf.js';

const base: CsrfRequest = {
	method: 'POST',
	origin: null,
	host: 'phoihop.example:3000',
	secFetchSite: null,
	authorization: null,
	cookie: 'phoihop_session=abc'
};

describe('isCrossSiteWrite', () => {
	it('refuses a write whose Origin is another site', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
			expect(isCrossSiteWrite({ ...base, method, origin: 'https://evil.example' }, [])).toBe(true);
		}
	});

	it('accepts the same host, a configured origin, and reads from anywhere', () => {
		expect(isCrossSiteWrite({ ...base, origin: 'http://phoihop.example:3000' }, [])).toBe(false);
		expect(isCrossSiteWrite({ ...base, origin: 'https://ke-hoach.gov.vn' }, ['https://ke-hoach.gov.vn'])).toBe(false);
		for (const method of ['GET', 'HEAD', 'OPTIONS']) {
			expect(isCrossSiteWrite({ ...base, method, origin: 'https://evil.example' }, [])).toBe(false);
		}
	});

	it('treats a malformed Origin ("null" from sandboxed frames) as foreign', () => {
		expect(isCrossSiteWrite({ ...base, origin: 'null' }, [])).toBe(true);
	});

	it('without Origin, follows Sec-Fetch-Site; without either, lets scripts through', () => {
		expect(isCrossSiteWrite({ ...base, secFetchSite: 'cross-site' }, [])).toBe(true);
		expect(isCrossSiteWrite({ ...base, secFetchSite: 'same-origin' }, [])).toBe(false);
		expect(isCrossSiteWrite(base, [])).toBe(false);
	});

	it('exempts Bearer without a cookie, not Bearer with one', () => {
		const evil = { ...base, origin: 'https://evil.example', authorization: 'Bearer t' };
		expect(isCrossSiteWrite({ ...evil, cookie: null }, [])).toBe(false);
		expect(isCrossSiteWrite(evil, [])).toBe(true);
	});
});
