/**
 * The people directory of an organization, answered in small pieces: by name (the @-mention and
 * handler pickers, at least two letters, at most 50 answers), by id (the names of comment authors
 * and handlers on screen, at most 100 at once) or by agency (the people a lead agency may name as a
 * task's handler). Only what the screens show leaves the server: id, name, agency, never the username
 * one signs in with, and never a person of another organization.
 */
import type { DB } from '../db/database.js';
import { ApiError } from '../http-error.js';
import { searchKey } from '../../src/lib/core/text.js';

export interface Person {
	id: string;
	displayName: string;
	agencyId: string | null;
}

export const PEOPLE_QUERY_MIN = 2;
export const PEOPLE_LIMIT_DEFAULT = 20;
export const PEOPLE_LIMIT_MAX = 50;
export const PEOPLE_IDS_MAX = 100;
export const PEOPLE_AGENCIES_MAX = 20;

export type PeopleQuery = { q: string; limit: number } | { ids: string[] } | { agencies: string[] };

const list = (value: string | undefined) =>
	(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

/** The query of a request's parameters, or a 400 with a machine code. */
export function parsePeopleQuery(params: { q?: string; ids?: string; agency?: string; limit?: string }): PeopleQuery {
	if (params.ids !== undefined) {
		const ids = [...new Set(list(params.ids))];
		if (ids.length === 0 || ids.length > PEOPLE_IDS_MAX)
			throw new ApiError(400, 'people_ids_invalid', { max: PEOPLE_IDS_MAX }, {}, { max: PEOPLE_IDS_MAX });
		return { ids };
	}
	if (params.agency !== undefined) {
		const agencies = [...new Set(list(params.agency))];
		if (agencies.length === 0 || agencies.length > PEOPLE_AGENCIES_MAX)
			throw new ApiError(400, 'people_agencies_invalid', { max: PEOPLE_AGENCIES_MAX }, {}, { max: PEOPLE_AGENCIES_MAX });
		return { agencies };
	}
	const q = searchKey(params.q ?? '');
	if ([...q].length < PEOPLE_QUERY_MIN) {
		throw new ApiError(400, 'people_query_too_short', { min: PEOPLE_QUERY_MIN }, {}, { min: PEOPLE_QUERY_MIN });
	}
	const limit = Math.min(PEOPLE_LIMIT_MAX, Math.max(1, Math.floor(Number(params.limit)) || PEOPLE_LIMIT_DEFAULT));
	return { q: q.slice(0, 80), limit };
}

/** Active members of the organization matching the query, by name. */
export async function findPeople(db: DB, orgId: string, query: PeopleQuery): Promise<Person[]> {
	let select = db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.user_id')
		.select(['users.id', 'users.display_name', 'memberships.agency_id'])
		.where('memberships.org_id', '=', orgId)
		.where('users.active', '=', 1);
	if ('ids' in query) select = select.where('users.id', 'in', query.ids);
	if ('agencies' in query) select = select.where('memberships.agency_id', 'in', query.agencies);
	const rows = await select.orderBy('users.display_name').execute();
	const people = rows.map((r) => ({ id: r.id, displayName: r.display_name, agencyId: r.agency_id }));
	if (!('q' in query)) return people;
	// Names are matched without diacritics in JavaScript: SQL's lower() and LIKE do not fold
	// Vietnamese letters the same way in SQLite and PostgreSQL.
	const words = query.q.split(' ');
	return people
		.filter((p) => {
			const name = searchKey(p.displayName);
			return words.every((w) => name.includes(w));
		})
		.slice(0, query.limit);
}
