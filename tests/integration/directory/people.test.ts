/**
 * GET /api/people answers in small pieces (a name of two letters or more, ids, agencies), within the
 * caller's organization, with the fields the screens show and never the username.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, orgIdOf, startTestServer, type TestServer } from '../helpers/server.js';
import { call } from '../auth/http.js';
import { newId } from '../../../src/lib/core/ids.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
	server = await startTestServer();
	token = await login(server.url, 'stc');
});
afterAll(async () => server.stop());

const people = (query: string, t = token) => call(server.url, 'GET', `/api/people${query}`, { token: t });

async function idOf(username: string): Promise<string> {
	const row = await server.ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
	return row.id;
}

describe('GET /api/people', () => {
	it('refuses to list everyone: no query, or a query of one letter, is a 400 with a code', async () => {
		for (const q of ['', '?q=', '?q=c', '?q=%20%20', '?limit=50']) {
			const res = await people(q);
			expect(res.status, q).toBe(400);
			expect(res.body.error.code, q).toBe('people_query_too_short');
			expect(res.body.error.min, q).toBe(2);
		}
	});

	it('finds by name without diacritics, in the caller’s organization only, with id, name and agency only', async () => {
		const res = await people('?q=chuyen%20vien');
		expect(res.status).toBe(200);
		expect(res.body.map((p: { displayName: string }) => p.displayName).sort()).toEqual([
			'Chuyên viên Liên minh Hợp tác xã',
			'Chuyên viên Sở Nông nghiệp và Môi trường',
			'Chuyên viên Sở Tài chính'
		]);
		for (const p of res.body) expect(Object.keys(p).sort()).toEqual(['agencyId', 'displayName', 'id']);
		expect(JSON.stringify(res.body)).not.toMatch(/"username"|snnmt|lmhtx/);
		// Hà Nội's "Chuyên viên Sở Tài chính Hà Nội" is found by a Hà Nội account, not by Cần Thơ's.
		expect((await people('?q=ha%20noi')).body).toEqual([]);
		const hn = await people('?q=ha%20noi', await login(server.url, 'hn.stc'));
		expect(hn.body.length).toBeGreaterThan(0);
	});

	it('answers at most the limit asked, and never more than 50', async () => {
		const orgId = await orgIdOf(server);
		const now = new Date().toISOString();
		for (let i = 0; i < 60; i++) {
			const id = newId();
			await server.ctx.db
				.insertInto('users')
				.values({
					id,
					username: `cv${i}`,
					display_name: `Cán bộ số ${i}`,
					password_hash: 'x',
					org_id: orgId,
					role: 'viewer',
					agency_id: null,
					platform_admin: 0,
					active: 1,
					created_at: now,
					email: null
				})
				.execute();
			await server.ctx.db
				.insertInto('memberships')
				.values({ user_id: id, org_id: orgId, role: 'viewer', agency_id: null, created_at: now })
				.execute();
		}
		expect((await people('?q=can%20bo')).body).toHaveLength(20);
		expect((await people('?q=can%20bo&limit=5')).body).toHaveLength(5);
		expect((await people('?q=can%20bo&limit=1000')).body).toHaveLength(50);
	});

	it('answers ids of its organization and leaves out the others; a hundred at most', async () => {
		const own = [await idOf('snnmt'), await idOf('thuky')];
		const foreign = await idOf('hn.stc');
		const res = await people(`?ids=${[...own, foreign, 'khong-co'].join(',')}`);
		expect(res.status).toBe(200);
		expect(res.body.map((p: { id: string }) => p.id).sort()).toEqual([...own].sort());
		const tooMany = await people(`?ids=${Array.from({ length: 101 }, (_, i) => `id${i}`).join(',')}`);
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error.code).toBe('people_ids_invalid');
	});

	it('answers the people of an agency of its organization; another organization’s agency has none', async () => {
		const me = await call(server.url, 'GET', '/api/me', { token });
		const own = await people(`?agency=${me.body.user.agencyId}`);
		expect(own.body.map((p: { displayName: string }) => p.displayName).sort()).toEqual([
			'Chuyên viên Sở Tài chính',
			'Quản trị (Thường trực BCĐ)',
			'Thư ký cuộc họp'
		]);
		const hnAgency = (await call(server.url, 'GET', '/api/me', { token: await login(server.url, 'hn.stc') })).body.user.agencyId;
		expect((await people(`?agency=${hnAgency}`)).body).toEqual([]);
	});

	it('leaves out deactivated accounts, and answers nobody signed out', async () => {
		await server.ctx.db.updateTable('users').set({ active: 0 }).where('username', '=', 'lmhtx').execute();
		expect((await people('?q=lien%20minh')).body).toEqual([]);
		await server.ctx.db.updateTable('users').set({ active: 1 }).where('username', '=', 'lmhtx').execute();
		expect((await people('?q=lien%20minh')).body).toHaveLength(1);
		expect((await call(server.url, 'GET', '/api/people?q=chuyen')).status).toBe(401);
	});
});
