/**
 * Who is signed in, and the directory the board UI names things with (agencies, people). Loaded
 * once per page load by the layout; every page reads it.
 */
import { getJson, postJson } from './api.js';
import type { Agency, Me, OrganizationRef, Person } from './api-types.js';
import type { Subject } from '../core/permissions.js';
import { agencyShortName } from '../core/agency.js';

class Session {
	me = $state.raw<Me | null>(null);
	/** The organization worked in now, and every one the user belongs to (to switch between). */
	organization = $state.raw<OrganizationRef | null>(null);
	organizations = $state.raw<OrganizationRef[]>([]);
	agencies = $state.raw<Map<string, Agency>>(new Map());
	people = $state.raw<Map<string, Person>>(new Map());
	error = $state<string | null>(null);
	loaded = $state(false);
	/** Server limits; the upload limit lets the browser refuse a large file before sending it. */
	maxUploadBytes = $state<number | null>(null);

	get subject(): Subject | null {
		const me = this.me;
		return me ? { id: me.id, role: me.role, agencyId: me.agencyId } : null;
	}

	/**
	 * Who is signed in, then the directory. The three requests go out together; pages show as soon as
	 * the user is known, and names fill in when the directory arrives.
	 */
	async load(): Promise<void> {
		this.error = null;
		// The directory is a help, not a must: a board still works (with ids) without it.
		const agencies = getJson<Agency[]>('/api/agencies').catch(() => [] as Agency[]);
		const people = getJson<Person[]>('/api/people').catch(() => [] as Person[]);
		try {
			const { user, limits, organization, organizations } = await getJson<{
				user: Me;
				limits?: { maxUploadBytes: number };
				organization?: OrganizationRef | null;
				organizations?: OrganizationRef[];
			}>('/api/me');
			this.me = user;
			this.organization = organization ?? null;
			this.organizations = organizations ?? [];
			this.maxUploadBytes = limits?.maxUploadBytes ?? null;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.loaded = true;
		}
		const [a, p] = await Promise.all([agencies, people]);
		const map = new Map(a.map((x) => [x.id, x]));
		const own = this.me?.agency;
		if (own && !map.has(own.id)) map.set(own.id, { ...own, isCollective: false });
		this.agencies = map;
		this.people = new Map(p.map((x) => [x.id, x]));
	}

	/** Works in another organization: everything on screen belongs to the old one, so the app starts over. */
	async switchOrganization(orgId: string): Promise<void> {
		await postJson('/api/me/organization', { orgId });
		await globalThis.caches?.delete('phoihop-api').catch(() => false);
		location.assign('/');
	}

	async logout(): Promise<void> {
		try {
			await postJson('/api/auth/logout');
		} finally {
			this.me = null;
			// The service worker's offline copy of this user's data must not outlive the session.
			await globalThis.caches?.delete('phoihop-api').catch(() => false);
			location.assign('/login');
		}
	}

	agency(id: string): Agency | undefined {
		return this.agencies.get(id);
	}

	agencyName = (id: string): string | undefined => this.agencies.get(id)?.name;

	agencyShort(id: string): string {
		const a = this.agencies.get(id);
		if (!a) return '?';
		return a.shortName || agencyShortName(a.name);
	}

	isCollective = (id: string): boolean => this.agencies.get(id)?.isCollective ?? false;

	personName(id: string | null | undefined): string | undefined {
		if (!id) return undefined;
		if (this.me?.id === id) return this.me.displayName;
		return this.people.get(id)?.displayName;
	}
}

export const session = new Session();
