import { describe, expect, it } from 'vitest';
import { vi } from '../../../src/lib/i18n/vi.js';
import { en } from '../../../src/lib/i18n/en.js';
import { format, translate } from '../../../src/lib/i18n/index.svelte.js';

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
});
