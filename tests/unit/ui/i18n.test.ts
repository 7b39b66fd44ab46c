import { describe, expect, it } from 'vitest';
import { vi } from '../../../src/lib/i18n/vi.js';
import { en } from '../../../src/lib/i18n/en.js';
import { format, translate, type MessageKey } from '../../../src/lib/i18n/index.svelte.js';
import { adminMessages } from '../../../src/lib/i18n/admin.js';
import { reviewMessages } from '../../../src/lib/i18n/review.js';
import { errorMessages } from '../../../src/lib/i18n/errors.js';

describe('the message catalogue', () => {
	it('English has exactly the Vietnamese keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
	});

	it('each English message has the same placeholders as the Vietnamese one', () => {
		const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(names(en[key]), key).toEqual(names(vi[key]));
	});

	it('the four statuses are named as the committee names them', () => {
		expect(['todo', 'doing', 'blocked', 'done'].map((s) => translate('vi', `status.${s}` as keyof typeof vi))).toEqual([
			'Chưa triển khai',
			'Đang thực hiện',
			'Vướng mắc',
			'Hoàn thành'
		]);
	});

	it('Vietnamese text is stored in NFC (one code point per accented letter)', () => {
		for (const [key, text] of Object.entries(vi)) expect(text, key).toBe(text.normalize('NFC'));
	});

	it('placeholders are filled; an unknown one is left visible', () => {
		expect(format('{shown}/{total} nhiệm vụ', { shown: 3, total: 24 })).toBe('3/24 nhiệm vụ');
		expect(format('Hạn {date}', {})).toBe('Hạn {date}');
	});

	it('English picks the word by number: "1 task", "2 tasks"', () => {
		expect(translate('en', 'board.column.count', { count: 1 })).toBe('1 task');
		expect(translate('en', 'board.column.count', { count: 2 })).toBe('2 tasks');
		expect(translate('en', 'board.column.count', { count: 0 })).toBe('0 tasks');
	});

	it('is one catalogue: the area parts are found by t() under their prefix, in both languages', () => {
		expect(translate('en', 'admin.login.heading')).toBe(adminMessages.en['login.heading']);
		expect(translate('vi', 'review.reviews.open')).toBe(reviewMessages.vi['reviews.open']);
		expect(translate('en', 'api.invalid_credentials')).toBe(errorMessages.en.invalid_credentials);
	});

	it('every part has the same placeholders in English as in Vietnamese', () => {
		const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]))].sort();
		for (const part of [adminMessages, reviewMessages, errorMessages] as { vi: Record<string, string>; en: Record<string, string> }[]) {
			for (const key of Object.keys(part.vi)) expect(names(part.en[key]), key).toEqual(names(part.vi[key]));
		}
	});

	it('a key no part has is shown as the key, so the mistake is visible', () => {
		expect(translate('en', 'admin.no.such.key' as MessageKey)).toBe('admin.no.such.key');
	});
});
