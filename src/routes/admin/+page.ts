import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import { session } from '$lib/client/session.svelte.js';
import type { AdminAgency, AdminUser, PlatformOrganization, QuarantineRow } from './admin-types.js';

/**
 * The administration lists, for the organization's administrators (anyone else is told the page is
 * not theirs, with nothing asked of the server); the organizations for a platform administrator.
 * An edit loads them again (`invalidate('app:admin')`).
 */
export const load: PageLoad = async ({ depends }) => {
	depends('app:admin');
	await session.known();
	const me = session.me;
	if (me?.role !== 'admin') return { lists: null };
	const [users, agencies, quarantine, organizations] = await Promise.all([
		loadJson<AdminUser[]>('/api/admin/users'),
		loadJson<AdminAgency[]>('/api/admin/agencies'),
		loadJson<QuarantineRow[]>('/api/admin/quarantine'),
		me.platformAdmin ? loadJson<PlatformOrganization[]>('/api/platform/organizations') : []
	]);
	return { lists: { users, agencies, quarantine, organizations } };
};
