/** Shapes of the /api/admin answers, and the role choices offered when creating an account. */
import type { Role } from '$lib/core/permissions.js';

export interface AdminUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	agencyId: string | null;
	agencyName: string | null;
	active: boolean;
	createdAt: string;
}

export interface AdminAgency {
	id: string;
	name: string;
	shortName: string;
	isCollective: boolean;
	aliases: string[];
	userCount: number;
	cardCount: number;
}

export interface MergeResult {
	boards: number;
	cards: number;
	users: number;
	aliases: number;
}

/** Roles in the order an administrator thinks of them, with what each may do. */
export const ROLE_CHOICES: { role: Role; label: string; hint: string; needsAgency: boolean }[] = [
	{ role: 'editor', label: 'Chuyên viên đơn vị', hint: 'Cập nhật nhiệm vụ đơn vị mình chủ trì; bình luận, đính kèm ở nhiệm vụ phối hợp.', needsAgency: true },
	{ role: 'viewer', label: 'Chỉ xem (đơn vị)', hint: 'Xem các bảng có đơn vị mình tham gia; không sửa.', needsAgency: true },
	{ role: 'leader', label: 'Lãnh đạo', hint: 'Xem mọi bảng, báo cáo và bản chốt; không sửa.', needsAgency: false },
	{ role: 'facilitator', label: 'Thư ký cuộc họp', hint: 'Sửa mọi nhiệm vụ của các bảng, điều hành phiên rà soát.', needsAgency: false },
	{ role: 'admin', label: 'Thường trực (quản trị)', hint: 'Toàn quyền: nhập kế hoạch, quản lý tài khoản và đơn vị.', needsAgency: false }
];

export const MIN_PASSWORD = 8;

/** A random password that is easy to read aloud or copy: no 0/O, 1/l/I. */
export function generatePassword(length = 12): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
