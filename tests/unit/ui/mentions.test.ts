import { describe, expect, it } from 'vitest';
import { insertMention, mentionQuery, splitMentions, suggestMentions, type MentionCandidate } from '../../../src/lib/client/mentions.js';

const candidates: MentionCandidate[] = [
	{ kind: 'agency', id: 'a1', handle: 'STC', label: 'Sở Tài chính', detail: 'STC' },
	{ kind: 'agency', id: 'a2', handle: 'SNNMT', label: 'Sở Nông nghiệp và Môi trường', detail: 'SNNMT' },
	{ kind: 'person', id: 'p1', handle: 'Nguyễn Thị Hoà', label: 'Nguyễn Thị Hoà', detail: 'STC' }
];

describe('@-mentions in comments', () => {
	it('the word after "@" before the caret is the query', () => {
		expect(mentionQuery('Đề nghị @st', 11)).toEqual({ start: 8, query: 'st' });
	});

	it('an "@" inside a word (an e-mail address) is not a mention', () => {
		expect(mentionQuery('gửi abc@st', 10)).toBeNull();
	});

	it('suggests agencies by short name first', () => {
		expect(suggestMentions(candidates, 'st')[0].id).toBe('a1');
	});

	it('suggests by full name without diacritics: "nong nghiep" finds Sở Nông nghiệp và Môi trường', () => {
		expect(suggestMentions(candidates, 'nong').map((c) => c.id)).toEqual(['a2']);
	});

	it('on an equal match, agencies come before people', () => {
		const withPerson: MentionCandidate[] = [
			...candidates,
			{ kind: 'person', id: 'p2', handle: 'Chuyên viên Sở Nông nghiệp', label: 'Chuyên viên Sở Nông nghiệp', detail: 'SNNMT' }
		];
		expect(suggestMentions(withPerson, 'nong').map((c) => c.id)).toEqual(['a2', 'p2']);
	});

	it('finds a person with either tone placement: "hòa" finds "Hoà"', () => {
		expect(suggestMentions(candidates, 'hòa').map((c) => c.id)).toEqual(['p1']);
	});

	it('choosing a suggestion replaces the query with "@handle "', () => {
		expect(insertMention('Đề nghị @st', 8, 11, 'STC')).toEqual({ text: 'Đề nghị @STC ', caret: 13 });
		expect(insertMention('Đề nghị @st xem', 8, 11, 'STC')).toEqual({ text: 'Đề nghị @STC xem', caret: 13 });
	});

	it('known mentions are picked out of a comment, the longest handle first', () => {
		const parts = splitMentions('Nhờ @Nguyễn Thị Hoà và @STC xem', ['STC', 'Nguyễn Thị Hoà', 'Nguyễn']);
		expect(parts.filter((p) => p.mention).map((p) => p.text)).toEqual(['@Nguyễn Thị Hoà', '@STC']);
	});

	it('"@STCX" is not a mention of STC', () => {
		expect(splitMentions('@STCX', ['STC']).some((p) => p.mention)).toBe(false);
	});
});
