import { describe, expect, it } from 'vitest';
import { initials, presenceColor } from '../../../src/lib/core/presence-colors.js';

describe('avatars', () => {
	it('initials are the last two words of a Vietnamese name', () => {
		expect(initials('Nguyễn Văn An')).toBe('VA');
	});

	it('a note in brackets is left out of the initials', () => {
		expect(initials('Quản trị (Thường trực BCĐ)')).toBe('QT');
	});

	it('a person keeps one colour everywhere', () => {
		expect(presenceColor('user-1')).toBe(presenceColor('user-1'));
	});
});
