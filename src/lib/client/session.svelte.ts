/**
 * Who is signed in, and the directory the board UI names things with (agencies, people). Loaded
 * once per page load by the layout; every page reads it. Agencies come whole; people are looked up
 * as the screens need them (the server answers by id, by agency or by a name of two letters or
 * more, never the whole directory), and the ones met are kept for offline use.
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
	/** Ids asked for (or being asked for) already: each is looked up once per page load. */
	private askedIds = new Set<string>();
	private wantedIds = new Set<string>();
	private askedAgencies = new Set<string>();
	private searches = new Map<string, Promise<Person[]>>();

	get subject(): Subject | null {
		const me = this.me;
		return me ? { id: me.id, role: me.role, agencyId: me.agencyId } : null;
	}

	/** Settles once the load under way has learnt who is signed in (or failed to). */
	private whoIs: Promise<void> | null = null;

	/**
	 * Who is signed in, for a page's `load` that depends on it: starts the session's load if nothing
	 * has, and waits for the user (not for the directory). Settles when `loaded` is true.
	 */
	known(): Promise<void> {
		if (!this.whoIs) void this.load();
		return this.whoIs!;
	}

	/**
	 * Who is signed in, then the directory. The three requests go out together; pages show as soon as
	 * the user is known, and names fill in when the directory arrives.
	 */
	async load(): Promise<void> {
		this.error = null;
		// The directory is a help, not a must: a board still works (with ids) without it.
		const agencies = getJson<Agency[]>('/api/agencies').catch(() => [] as Agency[]);
		const known = readKnownPeople();
		this.whoIs = this.loadMe();
		await this.whoIs;
		const [a, p] = await Promise.all([agencies, known]);
		const map = new Map(a.map((x) => [x.id, x]));
		const own = this.me?.agency;
		if (own && !map.has(own.id)) map.set(own.id, { ...own, isCollective: false });
		this.agencies = map;
		this.addPeople(p, false);
	}

	private async loadMe(): Promise<void> {
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
	}

	/** Adds people to the directory (and to the offline copy). */
	private addPeople(list: readonly Person[], remember = true): void {
		if (list.length === 0) return;
		const next = new Map(this.people);
		for (const p of list) next.set(p.id, { id: p.id, displayName: p.displayName, agencyId: p.agencyId });
		this.people = next;
		if (remember) void rememberPeople([...next.values()]);
	}

	/** Looks these people up by id, together with the others wanted in the same moment. */
	want(ids: Iterable<string | null | undefined>): void {
		let added = false;
		for (const id of ids) {
			if (!id || this.people.has(id) || this.askedIds.has(id)) continue;
			this.askedIds.add(id);
			this.wantedIds.add(id);
			added = true;
		}
		if (!added) return;
		// Everything asked for while this page renders goes in one request (per hundred ids).
		setTimeout(() => {
			const ids = [...this.wantedIds];
			this.wantedIds.clear();
			for (let i = 0; i < ids.length; i += 100) {
				const chunk = ids.slice(i, i + 100);
				getJson<Person[]>(`/api/people?ids=${chunk.map(encodeURIComponent).join(',')}`)
					.then((found) => this.addPeople(found))
					.catch(() => chunk.forEach((id) => this.askedIds.delete(id)));
			}
		}, 0);
	}

	/** The people of these agencies (whom a lead agency may name as a task's handler). */
	wantAgencies(agencyIds: readonly string[]): void {
		const ids = agencyIds.filter((id) => !this.askedAgencies.has(id));
		if (ids.length === 0) return;
		ids.forEach((id) => this.askedAgencies.add(id));
		for (let i = 0; i < ids.length; i += 20) {
			const chunk = ids.slice(i, i + 20);
			getJson<Person[]>(`/api/people?agency=${chunk.map(encodeURIComponent).join(',')}`)
				.then((found) => this.addPeople(found))
				.catch(() => chunk.forEach((id) => this.askedAgencies.delete(id)));
		}
	}

	/** People whose name contains the text (two letters at least; the server answers twenty at most). */
	searchPeople(text: string): Promise<Person[]> {
		const q = text.trim();
		if ([...q].length < 2) return Promise.resolve([]);
		let pending = this.searches.get(q);
		if (!pending) {
			pending = getJson<Person[]>(`/api/people?q=${encodeURIComponent(q)}`).catch(() => [] as Person[]);
			this.searches.set(q, pending);
			void pending.then((found) => this.addPeople(found));
		}
		return pending;
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
		const known = this.people.get(id)?.displayName;
		if (known === undefined) this.want([id]);
		return known;
	}
}

/**
 * The people met so far, kept in the service worker's cache of signed-in data (deleted on sign-out
 * and on switching organization), so that names still show offline.
 */
const KNOWN_PEOPLE = '/api/people?known';

async function readKnownPeople(): Promise<Person[]> {
	try {
		const res = await (await globalThis.caches?.open('phoihop-api'))?.match(KNOWN_PEOPLE);
		return res ? ((await res.json()) as Person[]) : [];
	} catch {
		return [];
	}
}

async function rememberPeople(list: Person[]): Promise<void> {
	try {
		const cache = await globalThis.caches?.open('phoihop-api');
		await cache?.put(KNOWN_PEOPLE, new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json' } }));
	} catch {
		// No cache storage (private window): names are looked up again next time.
	}
}

export const session = new Session();
