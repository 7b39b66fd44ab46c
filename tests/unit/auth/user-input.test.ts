import { describe, expect, it } from 'vitest';
import { checkPassword, parseNewUser, PASSWORD_MAX } from '../../../server/auth/user-input.js';
import { ApiError } from '../../../server/http-error.js';

const valid = { username: 'Tran.Binh', displayName: '  Trần Bình ', password: 'mat-khau-1', role: 'editor', agencyId: 'a1' };

function refused(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ApiError);
		expect((e as ApiError).status).toBe(400);
		return (e as ApiError).code;
	}
	throw new Error('accepted');
}

describe('parseNewUser', () => {
	it('normalises the username and the name', () => {
		expect(parseNewUser(valid)).toEqual({
			username: 'tran.binh',
			displayName: 'Trần Bình',
			password: 'mat-khau-1',
			role: 'editor',
			agencyId: 'a1'
		});
	});

	it('uses the username as the name when none is given', () => {
		expect(parseNewUser({ ...valid, displayName: '' }).displayName).toBe('tran.binh');
	});

	it('refuses bad usernames, roles, passwords, and agency roles without an agency, each with its code', () => {
		expect(refused(() => parseNewUser({ ...valid, username: 'x' }))).toBe('bad_username');
		expect(refused(() => parseNewUser({ ...valid, username: 'trần' }))).toBe('bad_username');
		expect(refused(() => parseNewUser({ ...valid, role: 'root' }))).toBe('bad_role');
		expect(refused(() => parseNewUser({ ...valid, agencyId: null }))).toBe('agency_required');
		expect(refused(() => parseNewUser({ ...valid, role: 'viewer', agencyId: '' }))).toBe('agency_required');
		expect(refused(() => parseNewUser(null))).toBe('bad_username');
	});

	it('lets roles that act for the whole committee exist without an agency', () => {
		for (const role of ['admin', 'facilitator', 'leader']) expect(parseNewUser({ ...valid, role, agencyId: null }).agencyId).toBeNull();
	});
});

describe('checkPassword', () => {
	it('needs 8 to PASSWORD_MAX characters', () => {
		expect(refused(() => checkPassword('1234567'))).toBe('password_too_short');
		expect(refused(() => checkPassword('x'.repeat(PASSWORD_MAX + 1)))).toBe('password_too_long');
		expect(refused(() => checkPassword(undefined))).toBe('password_too_short');
		expect(checkPassword('12345678')).toBe('12345678');
	});
});
