/**
 * Validation of account fields, shared by the admin API and the create-user command. Messages are
 * Vietnamese because they are shown to the administrator as they are.
 */
import { ApiError } from '../http-error.js';
import type { Role } from '../db/schema.js';
import { ROLES } from '../../src/lib/core/permissions.js';
import { normalizeUsername } from './credentials.js';
import type { NewUserInput } from './users.js';

export const PASSWORD_MIN = 8;
/** scrypt reads the whole password; a bound keeps one request from costing more than a normal sign-in. */
export const PASSWORD_MAX = 256;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

function invalid(message: string): never {
	throw new ApiError(400, 'invalid_input', message);
}

export function checkPassword(value: unknown): string {
	if (typeof value !== 'string' || value.length < PASSWORD_MIN) invalid(`Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự`);
	if (value.length > PASSWORD_MAX) invalid(`Mật khẩu dài quá ${PASSWORD_MAX} ký tự`);
	return value;
}

export function checkRole(value: unknown): Role {
	if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value)) {
		invalid(`Vai trò không hợp lệ (chọn một trong: ${ROLES.join(', ')})`);
	}
	return value as Role;
}

/** Roles that act for an agency cannot exist without one. */
export function roleNeedsAgency(role: Role): boolean {
	return role === 'editor' || role === 'viewer';
}

/** A new account from untrusted input; the agency's existence is checked by the caller. */
export function parseNewUser(body: unknown): Omit<NewUserInput, 'orgId'> {
	const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const username = typeof b.username === 'string' ? normalizeUsername(b.username) : '';
	if (!USERNAME.test(username)) {
		invalid('Tên đăng nhập gồm 2–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới');
	}
	const displayName = typeof b.displayName === 'string' ? b.displayName.normalize('NFC').trim() : '';
	if (displayName.length > 120) invalid('Họ tên dài quá 120 ký tự');
	const role = checkRole(b.role);
	const agencyId = typeof b.agencyId === 'string' && b.agencyId ? b.agencyId : null;
	if (roleNeedsAgency(role) && !agencyId) invalid('Tài khoản của đơn vị phải chọn đơn vị');
	return { username, displayName: displayName || username, password: checkPassword(b.password), role, agencyId };
}
