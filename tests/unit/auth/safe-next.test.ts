import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../src/routes/login/safe-next.js';

describe('safeNext', () => {
	it('keeps a path of this site, with its query', () => {
		expect(safeNext('/boards/abc?card=1')).toBe('/boards/abc?card=1');
		expect(safeNext('/admin')).toBe('/admin');
	});

	it('sends anything else to the home page', () => {
		for (const bad of [null, '', 'admin', '//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/\nx']) {
			expect(safeNext(bad), String(bad)).toBe('/');
		}
	});

	it('never comes back to the sign-in page', () => {
		expect(safeNext('/login')).toBe('/');
		expect(safeNext('/login?next=/admin')).toBe('/');
	});
});
