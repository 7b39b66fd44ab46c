import { describe, expect, it } from 'vitest';
import { parseVnNumber } from '../../../src/lib/core/vn-number.js';

describe('Vietnamese numbers', () => {
	it('"3.200" is three thousand two hundred (dot groups thousands)', () => {
		expect(parseVnNumber('3.200')).toBe(3200);
		expect(parseVnNumber('1.600.000')).toBe(1_600_000);
	});

	it('"1,5" is one and a half (comma is the decimal mark)', () => {
		expect(parseVnNumber('1,5')).toBe(1.5);
		expect(parseVnNumber('3.200,75')).toBe(3200.75);
	});

	it('"03" is 3 (leading zeros are common)', () => {
		expect(parseVnNumber('03')).toBe(3);
	});

	it('a dot not followed by a group of three digits is a decimal point', () => {
		expect(parseVnNumber('1.5')).toBe(1.5);
	});

	it('text that is not a number gives null', () => {
		expect(parseVnNumber('HTX')).toBeNull();
		expect(parseVnNumber('')).toBeNull();
		expect(parseVnNumber('1.2.3')).toBeNull();
	});
});
