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

/** Roles in the order an administrator thinks of them (their labels and hints are in the admin catalogue). */
export const ROLE_CHOICES: { role: Role; needsAgency: boolean }[] = [
	{ role: 'editor', needsAgency: true },
	{ role: 'viewer', needsAgency: true },
	{ role: 'leader', needsAgency: false },
	{ role: 'facilitator', needsAgency: false },
	{ role: 'admin', needsAgency: false }
];

export const MIN_PASSWORD = 8;

/** A random password that is easy to read aloud or copy: no 0/O, 1/l/I. */
export function generatePassword(length = 12): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export type { QuarantineRow } from '$lib/core/admin-api.js';
