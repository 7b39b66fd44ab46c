/**
 * Every declared /api route that takes a body, sent the bodies an unfriendly client would send:
 * `null`, `[]`, `"x"`, `5`, `{}`, wrong types, unknown fields, broken JSON and 5 MB. No answer is a 500; a
 * body over the limit gets 413 even before signing in (nothing is parsed or hashed for it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAccessList } from '../../../server/auth/access.js';
import { sql } from 'kysely';
import { login, queryValue, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: string;
let boardId: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
	boardId = (await queryValue<string>(server, sql`select id from boards where org_id = (select id from organizations where slug = 'can-tho') order by id limit 1`))!;
});
afterAll(async () => server.stop());

const BODIES: [string, string][] = [
	['null', 'null'],
	['[]', '[]'],
	['"x"', '"x"'],
	['5', '5'],
	['{}', '{}'],
	['wrong types', JSON.stringify({ name: 5, year: 'x', quarter: [], password: {}, reportedValue: 'many', agencyIds: 'all', ids: 7, areas: 'x', orgId: 1 })],
	['unknown fields', JSON.stringify({ zzz: 1, __proto__: { admin: true }, constructor: 'x' })],
	['broken JSON', '{"a": '],
	['5 MB', JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) })]
];

function pathOf(path: string): string {
	return path.replace(/:id/, path.startsWith('/api/boards/') ? boardId : 'unknown').replace(/:[A-Za-z]+/g, 'unknown');
}

describe('hostile bodies', () => {
	it('no route answers 500 to a malformed or oversized body; 5 MB gets 413', async () => {
		const routes = routeAccessList().filter((r) => r.method !== 'GET' && !r.path.includes('/logout'));
		expect(routes.length).toBeGreaterThan(25);
		const failures: string[] = [];
		for (const route of routes) {
			for (const [name, body] of BODIES) {
				const res = await fetch(`${server.url}${pathOf(route.path)}`, {
					method: route.method,
					headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
					body
				});
				await res.arrayBuffer();
				if (res.status >= 500) failures.push(`${route.method} ${route.path} ${name}: ${res.status}`);
				if (name === '5 MB' && res.status !== 413 && !/upload|attachments/.test(route.path)) failures.push(`${route.method} ${route.path} 5 MB: ${res.status}`);
			}
		}
		expect(failures).toEqual([]);
	}, 300_000);

	it('an oversized body is refused before signing in', async () => {
		const res = await fetch(`${server.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'admin', password: 'x'.repeat(5 * 1024 * 1024) })
		});
		expect(res.status).toBe(413);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
	});
});
