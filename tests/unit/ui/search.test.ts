import { describe, expect, it } from 'vitest';
import { cardSearchText, matchesQuery, parseQuery, type SearchableCard } from '../../../src/lib/core/search.js';

const card = (over: Partial<SearchableCard> = {}): SearchableCard => ({
	code: 'II.3',
	title: 'Tổ chức Hội nghị tổng kết kinh tế tập thể',
	result: '',
	comments: [],
	lead: [],
	support: [],
	...over
});

const finds = (c: SearchableCard, q: string, names?: Record<string, string>) =>
	matchesQuery(cardSearchText(c, names ? (id) => names[id] : undefined), parseQuery(q));

describe('search ignores diacritics, tone placement, đ and case', () => {
	it('"so tai chinh" finds "Sở Tài chính"', () => {
		expect(finds(card({ title: 'Sở Tài chính chủ trì rà soát' }), 'so tai chinh')).toBe(true);
	});

	it('"hoa", "hòa" and "hoà" all find "Hòa" and "Hoà"', () => {
		for (const title of ['Xã Hòa An', 'Xã Hoà An']) {
			for (const q of ['hoa', 'hòa', 'hoà', 'HOÀ']) expect(finds(card({ title }), q)).toBe(true);
		}
	});

	it('"dau tu" finds "đầu tư" (đ is typed as d)', () => {
		expect(finds(card({ title: 'Hỗ trợ đầu tư kết cấu hạ tầng' }), 'dau tu')).toBe(true);
	});

	it('the words of a query may come in any order', () => {
		expect(finds(card(), 'tap the kinh te')).toBe(true);
	});

	it('every word must occur', () => {
		expect(finds(card(), 'kinh te nong nghiep')).toBe(false);
	});

	it('an empty query matches every card', () => {
		expect(finds(card(), '   ')).toBe(true);
	});
});

describe('search covers the result, the comments, the code and the agencies', () => {
	it('finds a word of the result (kết quả thực hiện)', () => {
		expect(finds(card({ result: 'Đã ban hành Quyết định số 12' }), 'quyet dinh')).toBe(true);
	});

	it('finds a word of a comment', () => {
		expect(finds(card({ comments: [{ body: 'Đề nghị bổ sung số liệu' }] }), 'bo sung')).toBe(true);
	});

	it('does not find a deleted comment', () => {
		expect(finds(card({ comments: [{ body: 'Nội dung đã xoá', deleted: true }] }), 'da xoa')).toBe(false);
	});

	it('finds the code', () => {
		expect(finds(card(), 'ii.3')).toBe(true);
	});

	it('finds a lead agency by its name when names are given', () => {
		expect(finds(card({ lead: ['a1'] }), 'lien minh hop tac xa', { a1: 'Liên minh Hợp tác xã thành phố' })).toBe(true);
	});

	it('a match never spans two fields', () => {
		expect(finds(card({ title: 'abc', result: 'def' }), 'cd')).toBe(false);
	});
});
