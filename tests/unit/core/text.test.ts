import { describe, expect, it } from 'vitest';
import { nfc, normalizeText, searchKey } from '../../../src/lib/core/text.js';

describe('text normalization', () => {
	it('nfc composes decomposed Vietnamese letters', () => {
		expect(nfc('Sở Tài chính'.normalize('NFD'))).toBe('Sở Tài chính');
	});

	it('normalizeText turns CRLF and CR into LF', () => {
		expect(normalizeText('a\r\nb\rc')).toBe('a\nb\nc');
	});

	it('normalizeText makes non-breaking and narrow spaces plain and drops zero-width characters', () => {
		expect(normalizeText('Sở\u00A0Tài\u202Fchính\u200B\uFEFF')).toBe('Sở Tài chính');
	});

	it('normalizeText keeps tabs, which separate table cells', () => {
		expect(normalizeText('1\tNhiệm vụ')).toBe('1\tNhiệm vụ');
	});
});

describe('searchKey', () => {
	it('treats both tone-mark placements and no diacritics as equal ("Hòa", "Hoà", "hoa")', () => {
		expect(searchKey('Hòa')).toBe('hoa');
		expect(searchKey('Hoà')).toBe('hoa');
		expect(searchKey('hoa')).toBe('hoa');
		expect(searchKey('Thùy')).toBe(searchKey('Thuỳ'));
	});

	it('folds đ to d and lower-cases: "Sở Tài chính" matches "so tai chinh"', () => {
		expect(searchKey('Sở Tài chính')).toBe(searchKey('so tai chinh'));
		expect(searchKey('Đồng Nai')).toBe('dong nai');
	});

	it('collapses and trims spaces', () => {
		expect(searchKey('  Sở   Nội\tvụ ')).toBe('so noi vu');
	});

	it('gives the same key for NFC and NFD input', () => {
		expect(searchKey('Nông nghiệp'.normalize('NFD'))).toBe(searchKey('Nông nghiệp'));
	});
});
