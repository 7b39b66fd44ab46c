import { describe, expect, it } from 'vitest';
import { agencyKey, agencyShortName, canonicalAgency, isCollective, resolveAgency, splitAgencies } from '../../../src/lib/core/agency.js';

describe('splitting a cell into agencies', () => {
	it('a comma followed by a head word starts a new agency', () => {
		expect(splitAgencies('Sở Tài chính, Liên minh Hợp tác xã thành phố')).toEqual(['Sở Tài chính', 'Liên minh Hợp tác xã thành phố']);
	});

	it('commas inside a name do not split it: "Sở Văn hóa, Thể thao và Du lịch" is one agency', () => {
		expect(splitAgencies('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
	});

	it('"X và các sở, ngành, địa phương" is X plus the collective', () => {
		expect(splitAgencies('Sở Nội vụ và các sở, ngành, địa phương')).toEqual(['Sở Nội vụ', 'các sở, ngành, địa phương']);
	});

	it('"và" inside a name does not split it', () => {
		expect(splitAgencies('Sở Khoa học và Công nghệ')).toEqual(['Sở Khoa học và Công nghệ']);
	});

	it('collectives with commas stay whole ("UBND các phường, xã")', () => {
		expect(splitAgencies('Liên minh HTX, UBND các phường, xã')).toEqual(['Liên minh HTX', 'UBND các phường, xã']);
	});

	it('words that share a head word with agencies do not split ("Hội nghị", "Ban hành")', () => {
		expect(splitAgencies('Sở Tài chính, Hội nghị tổng kết')).toHaveLength(1);
	});

	it('an empty cell has no agencies', () => {
		expect(splitAgencies('  ')).toEqual([]);
	});
});

describe('collectives', () => {
	it('"UBND các xã, phường" is the same group as "UBND các phường, xã"', () => {
		expect(canonicalAgency('UBND các xã, phường')).toBe('UBND các phường, xã');
	});

	it('"Các sở, ngành, địa phương" and "UBND các phường, xã" are groups', () => {
		expect(isCollective('Các sở, ngành, địa phương')).toBe(true);
		expect(isCollective('Các đơn vị có liên quan')).toBe(true);
		expect(isCollective('UBND các phường, xã')).toBe(true);
		expect(isCollective('Ủy ban nhân dân quận, huyện')).toBe(true);
	});

	it("a named agency is not a group, even the city People's Committee", () => {
		expect(isCollective('Sở Tài chính')).toBe(false);
		expect(isCollective('Ủy ban nhân dân thành phố')).toBe(false);
	});
});

describe('canonical agency names', () => {
	it('"Hội nông dân thành phố" and "Hội Nông dân thành phố" are one agency', () => {
		expect(canonicalAgency('Hội nông dân thành phố')).toBe('Hội Nông dân thành phố');
		expect(canonicalAgency('Hội Nông dân thành phố')).toBe('Hội Nông dân thành phố');
	});

	it('"Liên minh HTX …" is written "Liên minh Hợp tác xã …"', () => {
		expect(canonicalAgency('Liên minh HTX thành phố')).toBe('Liên minh Hợp tác xã thành phố');
		expect(canonicalAgency('Liên minh HTX Thành phố')).toBe('Liên minh Hợp tác xã thành phố');
	});

	it('"Các sở ngành, địa phương" is the collective "Các sở, ngành, địa phương"', () => {
		expect(canonicalAgency('Các sở ngành, địa phương')).toBe('Các sở, ngành, địa phương');
		expect(canonicalAgency('các sở, ngành, địa phương')).toBe('Các sở, ngành, địa phương');
	});

	it('Sở Kế hoạch và Đầu tư is now Sở Tài chính (2025 merger)', () => {
		expect(canonicalAgency('Sở Kế hoạch và Đầu tư')).toBe('Sở Tài chính');
		expect(resolveAgency('Sở Kế hoạch và Đầu tư')).toEqual({ name: 'Sở Tài chính', mergedFrom: 'Sở Kế hoạch và Đầu tư' });
	});

	it('Sở Nông nghiệp và Phát triển nông thôn and Sở Tài nguyên và Môi trường are now Sở Nông nghiệp và Môi trường', () => {
		expect(canonicalAgency('Sở Nông nghiệp và Phát triển nông thôn')).toBe('Sở Nông nghiệp và Môi trường');
		expect(canonicalAgency('Sở Tài nguyên và Môi trường')).toBe('Sở Nông nghiệp và Môi trường');
	});

	it('"X (nay là Y)" is Y', () => {
		expect(canonicalAgency('Bộ Kế hoạch và Đầu tư (nay là Bộ Tài chính)')).toBe('Bộ Tài chính');
	});

	it('a current name is kept as written', () => {
		expect(canonicalAgency('Sở Văn hóa, Thể thao và Du lịch')).toBe('Sở Văn hóa, Thể thao và Du lịch');
		expect(resolveAgency('Sở Tài chính').mergedFrom).toBeNull();
	});

	it('State Bank branch names are unified ("NHNN Việt Nam Chi nhánh KV2")', () => {
		expect(canonicalAgency('NHNN Việt Nam Chi nhánh KV2')).toBe('Ngân hàng Nhà nước – Chi nhánh Khu vực 2');
		expect(canonicalAgency('Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực I')).toBe('Ngân hàng Nhà nước – Chi nhánh Khu vực I');
	});
});

describe('agency keys and short names', () => {
	it('agencyKey ignores case, diacritics, tone placement and punctuation', () => {
		expect(agencyKey('Sở Tài chính')).toBe(agencyKey('so tai chinh'));
		expect(agencyKey('Các sở ngành, địa phương')).toBe(agencyKey('Các sở, ngành, địa phương'));
		expect(agencyKey('Hội Nông dân xã Hòa An')).toBe(agencyKey('hội nông dân xã Hoà An'));
	});

	it('agencyShortName gives initials for chips ("Sở Tài chính" → "STC")', () => {
		expect(agencyShortName('Sở Tài chính')).toBe('STC');
		expect(agencyShortName('Sở Giáo dục và Đào tạo')).toBe('SGDĐT');
		expect(agencyShortName('UBND các phường, xã')).toBe('UBNDCPX');
	});
});
