/**
 * The committee's members and their areas (Phụ lục II of the Cần Thơ 2026 plan: 17 members following
 * 103 communes and wards), as the organization sees them: each member's agency read from the position,
 * the organization's administrators editing areas, nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../helpers/server.js';

interface Member {
	id: string;
	stt: string;
	name: string;
	position: string;
	areas: string[];
	agencyId: string | null;
}

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.stop());

describe('members and areas', () => {
	it('lists Cần Thơ’s 17 members and 103 communes, with the agency each member works for', async () => {
		const token = await login(server.url, 'stc');
		const members = await api<Member[]>(server.url, token, '/api/members');
		expect(members).toHaveLength(17);
		expect(new Set(members.flatMap((m) => m.areas)).size).toBe(103);
		// Member 3 is "Phó Giám đốc Sở Tài chính": Cần Thơ's Sở Tài chính, the agency of stc.
		const me = await api<{ user: { agencyId: string } }>(server.url, token, '/api/me');
		const third = members.find((m) => m.stt === '3')!;
		expect(third.name).toBe('Ông Nguyễn Thanh Hải');
		expect(third.agencyId).toBe(me.user.agencyId);
		expect(third.areas).toContain('Ninh Kiều');
	});

	it('the organization’s administrator edits a member’s areas; an editor may not; Đồng Nai sees none of it', async () => {
		const admin = await login(server.url, 'admin');
		const members = await api<Member[]>(server.url, admin, '/api/members');
		const m = members[0];
		const updated = await api<Member>(server.url, admin, `/api/members/${m.id}`, {
			method: 'PUT',
			body: JSON.stringify({ areas: ['Phú Lợi', '  Sóc Trăng ', 'Phú Lợi', 'Xã mới'] })
		});
		expect(updated.areas).toEqual(['Phú Lợi', 'Sóc Trăng', 'Xã mới']);
		const editor = await fetch(`${server.url}/api/members/${m.id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${await login(server.url, 'stc')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ areas: [] })
		});
		expect(editor.status).toBe(403);
		const bad = await fetch(`${server.url}/api/members/${m.id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
			body: JSON.stringify({ areas: 'Phú Lợi' })
		});
		expect(bad.status).toBe(400);
		const dn = await login(server.url, 'dn.admin');
		expect(await api<Member[]>(server.url, dn, '/api/members')).toEqual([]);
		const foreign = await fetch(`${server.url}/api/members/${m.id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${dn}`, 'content-type': 'application/json' },
			body: JSON.stringify({ areas: [] })
		});
		expect(foreign.status).toBe(404);
	});
});
