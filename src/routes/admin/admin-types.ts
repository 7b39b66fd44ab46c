/** The role choices offered when creating an account, and a generated password. Answer shapes are in $lib/core/api/accounts. */
import type { Role } from '$lib/core/permissions.js';

export type { AdminAgency, AdminUser, MergeResult, QuarantineRow } from '$lib/core/api/accounts.js';
export { PASSWORD_MIN as MIN_PASSWORD } from '$lib/core/api/accounts.js';

/** An organization (steering committee) of the deployment, as the platform administrators list them. */
export interface PlatformOrganization {
	id: string;
	slug: string;
	name: string;
}

/** Roles in the order an administrator thinks of them (their labels and hints are in the admin catalogue). */
export const ROLE_CHOICES: { role: Role; needsAgency: boolean }[] = [
	{ role: 'editor', needsAgency: true },
	{ role: 'viewer', needsAgency: true },
	{ role: 'leader', needsAgency: false },
	{ role: 'facilitator', needsAgency: false },
	{ role: 'admin', needsAgency: false }
];

/** A random password that is easy to read aloud or copy: no 0/O, 1/l/I. */
export function generatePassword(length = 12): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
