import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findMentions, MAX_MENTIONS, type MentionDirectory } from '../../../server/notifications/mentions.js';

const dir: MentionDirectory = {
	users: [
		{ id: 'u-stc', username: 'stc', displayName: 'Chuyên viên Sở Tài chính', agencyId: 'a-stc' },
		{ id: 'u-lm', username: 'lmhtx', displayName: 'Chuyên viên Liên minh Hợp tác xã', agencyId: 'a-lm' }
	],
	agencies: [
		{ id: 'a-stc', shortName: 'STC', name: 'Sở Tài chính', isCollective: false },
		{ id: 'a-lm', shortName: 'LMHTXTP', name: 'Liên minh Hợp tác xã thành phố', isCollective: false },
		{ id: 'a-all', shortName: 'CSNĐP', name: 'Các sở, ngành, địa phương', isCollective: true }
	]
};

describe('mentions in a comment', () => {
	it('"@LMHTXTP" names the agency Liên minh Hợp tác xã thành phố', () => {
		expect(findMentions('Đề nghị @LMHTXTP phối hợp.', dir)).toEqual({ userIds: [], agencyIds: ['a-lm'] });
	});

	it('a person is named by the display name the comment box inserts, without tone marks too', () => {
		expect(findMentions('@Chuyên viên Sở Tài chính xem giúp', dir).userIds).toEqual(['u-stc']);
		expect(findMentions('@chuyen vien so tai chinh xem giúp', dir).userIds).toEqual(['u-stc']);
	});

	it('a user name equal to an agency short name means the person ("@stc")', () => {
		expect(findMentions('@stc', dir)).toEqual({ userIds: ['u-stc'], agencyIds: [] });
	});

	it('the longest name wins: "@Liên minh Hợp tác xã thành phố" is the agency, not a shorter prefix', () => {
		expect(findMentions('gửi @Liên minh Hợp tác xã thành phố.', dir)).toEqual({ userIds: [], agencyIds: ['a-lm'] });
	});

	it('an e-mail address and a longer word are not mentions', () => {
		expect(findMentions('viết cho stc@phoihop.example hoặc @stcx', dir)).toEqual({ userIds: [], agencyIds: [] });
	});

	it('a collective notifies nobody', () => {
		expect(findMentions('@Các sở, ngành, địa phương', dir)).toEqual({ userIds: [], agencyIds: [] });
	});

	it('each is named once, in order of first mention', () => {
		expect(findMentions('@LMHTXTP @stc @LMHTXTP @Sở Tài chính', dir)).toEqual({ userIds: ['u-stc'], agencyIds: ['a-lm', 'a-stc'] });
	});

	it('any text: only directory ids come out, each at most once, and no more than the cap reads', () => {
		const piece = fc.oneof(
			fc.string({ maxLength: 20 }),
			fc.constantFrom('@', '@@', '@stc', '@LMHTXTP', 'x@stc', '@Sở', '@Các sở, ngành, địa phương', '\u0301', '@\u200b', '@ ')
		);
		const ids = new Set([...dir.users.map((u) => u.id), ...dir.agencies.map((a) => a.id)]);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
				const { userIds, agencyIds } = findMentions(parts.join(''), dir);
				expect([...userIds, ...agencyIds].every((id) => ids.has(id) && id !== 'a-all')).toBe(true);
				expect(new Set(userIds).size).toBe(userIds.length);
				expect(new Set(agencyIds).size).toBe(agencyIds.length);
				expect(userIds.length + agencyIds.length).toBeLessThanOrEqual(MAX_MENTIONS);
			}),
			{ numRuns: 2000 }
		);
	});

	it('a mention survives any text around it when separated by a space', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
				const found = findMentions(`${before} @LMHTXTP ${after}`, dir);
				expect(found.agencyIds).toContain('a-lm');
			}),
			{ numRuns: 1000 }
		);
	});
});
