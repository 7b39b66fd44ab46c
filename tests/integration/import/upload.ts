/** Uploading a file the way the import page does: the file as the request body, its name in ?name=. */
import { sql } from 'kysely';
import { queryValue, type TestServer } from '../helpers/server.js';

export async function upload(baseUrl: string, token: string, route: string, bytes: Uint8Array, name: string): Promise<Response> {
	return fetch(`${baseUrl}${route}?name=${encodeURIComponent(name)}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
		body: bytes as Uint8Array<ArrayBuffer>
	});
}

export async function postJson(baseUrl: string, token: string, route: string, body: unknown = {}): Promise<Response> {
	return fetch(`${baseUrl}${route}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

/** Row counts of the tables an import writes to: equal before and after means nothing was written. */
export async function rowCounts(server: TestServer): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const table of [
		'plans',
		'boards',
		'sections',
		'cards',
		'agencies',
		'agency_aliases',
		'indicators',
		'plan_reports',
		'plan_members',
		'board_states'
	]) {
		out[table] = Number(await queryValue(server, sql`select count(*) from ${sql.table(table)}`));
	}
	return out;
}
