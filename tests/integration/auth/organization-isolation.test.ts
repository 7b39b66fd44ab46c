/**
 * Nothing crosses organizations. Every declared /api route is called by every role of Cần Thơ with
 * the ids of Hà Nội's objects (board, card, snapshot, review session and item, attachment, indicator,
 * agency, account, import draft, quarantined update): a role the route admits gets 404, never the
 * object and never a 403 that would confirm it exists; a role it does not admit gets the same answer
 * as for an id that does not exist. Lists never name another organization's boards, agencies or
 * people, and the sync socket of another organization's board closes with 4404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { allows } from '../../../server/auth/access.js';
import { declaredRoutes as routeAccessList, type DeclaredRoute as RouteAccess } from '../../../server/http/declare-routes.js';
import type { Role } from '../../../server/db/schema.js';
import { sql } from 'kysely';
import { closeCodeOf, DEMO_PASSWORD, login, queryRows, queryValue, startTestServer, type TestServer } from '../helpers/server.js';
import { call } from './http.js';
import { DEMO_ACCOUNTS } from '../../../seeds/demo-accounts.js';
import { addComment } from '../../../src/lib/core/board-doc.js';

/** Cần Thơ's accounts, one of each role (the demo workspace's first organization). */
const CAN_THO: { username: string; role: Role }[] = DEMO_ACCOUNTS.map(({ username, role }) => ({ username, role }));

let server: TestServer;
/** Hà Nội's objects, by the path parameter they fill. */
const other: Record<string, string> = {};
/** Everything of Hà Nội that must never appear in a Cần Thơ answer. */
const foreignIds: string[] = [];

beforeAll(async () => {
	server = await startTestServer({ maxUploadBytes: 1024 * 1024 });
	const hnAdmin = await login(server.url, 'hn.admin');
	const hnStc = await login(server.url, 'hn.stc');
	const boards = (await call(server.url, 'GET', '/api/boards', { token: hnAdmin })).body as { id: string }[];
	other.board = boards[0].id;
	const board = (await call(server.url, 'GET', `/api/boards/${other.board}`, { token: hnAdmin })).body as {
		cards: { id: string; lead: string[] }[];
	};
	other.card = board.cards[0].id;
	const snap = await call(server.url, 'POST', `/api/boards/${other.board}/snapshots`, { token: hnAdmin, body: { name: 'Mốc Hà Nội' } });
	other.snapshot = snap.body.id;
	const review = await call(server.url, 'POST', `/api/boards/${other.board}/reviews`, { token: hnAdmin, body: { year: 2026, quarter: 3 } });
	other.review = review.body.id;
	const session = (await call(server.url, 'GET', `/api/reviews/${other.review}`, { token: hnAdmin })).body as { items: { id: string }[] };
	other.item = session.items[0]?.id ?? 'none';
	const form = new FormData();
	form.append('file', new Blob(['Báo cáo của Hà Nội'], { type: 'text/plain' }), 'bao-cao.txt');
	const stcCard = board.cards.find((c) => c.lead.length > 0)!;
	const up = await fetch(`${server.url}/api/boards/${other.board}/cards/${stcCard.id}/attachments`, {
		method: 'POST',
		headers: { authorization: `Bearer ${hnAdmin}` },
		body: form
	});
	other.attachment = ((await up.json()) as { attachment: { id: string } }).attachment.id;
	void hnStc;
	const indicator = await queryValue<string>(
		server,
		sql`select indicators.id from indicators join boards on boards.plan_id = indicators.plan_id where boards.id = ${other.board}`
	);
	other.indicator = indicator ?? 'none';
	const agencies = (await call(server.url, 'GET', '/api/agencies', { token: hnAdmin })).body as { id: string }[];
	other.agency = agencies[0].id;
	const users = (await call(server.url, 'GET', '/api/admin/users', { token: hnAdmin })).body as { id: string; username: string }[];
	other.user = users.find((u) => u.username === 'hn.stc')!.id;
	const draft = await fetch(`${server.url}/api/import/upload?name=ke-hoach.txt`, {
		method: 'POST',
		headers: { authorization: `Bearer ${hnAdmin}`, 'content-type': 'application/octet-stream' },
		body: await queryValue<string>(server, sql`select source_text from plans where id = (select plan_id from boards where id = ${other.board})`)
	});
	other.draft = draft.ok ? ((await draft.json()) as { draftId: string }).draftId : 'none';
	const q = await server.ctx.db
		.insertInto('quarantined_updates')
		.values({ board_id: other.board, update_id: null, user_id: null, data: new Uint8Array([0]), reason: 'test', created_at: '' })
		.returning('id')
		.executeTakeFirstOrThrow();
	other.quarantine = String(q.id);
	other.org = (await queryValue<string>(server, sql`select id from organizations where slug = 'ha-noi'`))!;
	other.member = 'hn-member-1';
	await queryRows(
		server,
		sql`insert into plan_members (id, plan_id, stt, name, position, areas_json) values (${other.member}, (select plan_id from boards where id = ${other.board}), '1', 'Bà Trần Thị B', 'Giám đốc Sở Tài chính', '["Ba Đình"]')`
	);
	// Every object was really made: a missing one would make its routes answer 404 for nothing.
	for (const [k, v] of Object.entries(other)) expect(v && v !== 'none' && v !== 'undefined', k).toBeTruthy();
	foreignIds.push(
		other.member,
		'Ba Đình',
		other.board,
		other.card,
		other.snapshot,
		other.review,
		other.attachment,
		other.agency,
		other.user,
		'hn.stc',
		'hn.admin'
	);
});
afterAll(async () => server.stop());

/** The path with Hà Nội's ids (or a made-up id) in place of its parameters. */
function pathWith(route: RouteAccess, ids: Record<string, string> | null): string {
	const p = route.path;
	const pick = (param: string): string => {
		if (!ids) return 'no-such-id';
		if (param === 'cardId') return ids.card;
		if (param === 'itemId') return ids.item;
		if (param === 'otherId') return ids.snapshot;
		if (param === 'sid') return ids.review;
		if (p.startsWith('/api/boards/')) return ids.board;
		if (p.startsWith('/api/snapshots/')) return ids.snapshot;
		if (p.startsWith('/api/attachments/')) return ids.attachment;
		if (p.startsWith('/api/indicators/')) return ids.indicator;
		if (p.startsWith('/api/admin/users/')) return ids.user;
		if (p.startsWith('/api/admin/agencies/')) return ids.agency;
		if (p.startsWith('/api/admin/quarantine/')) return ids.quarantine;
		if (p.startsWith('/api/import/drafts/')) return ids.draft;
		if (p.startsWith('/api/roundtrip/')) return ids.draft;
		if (p.startsWith('/api/members/')) return ids.member;
		return ids.board;
	};
	return p.replace(/:([A-Za-z]+)/g, (_, name: string) => pick(name));
}

/** A body that passes the handlers' own checks, so that only the organization can refuse the call. */
function bodyFor(route: RouteAccess): unknown {
	if (route.path.endsWith('/reviews')) return { year: 2026, quarter: 4 };
	if (route.path.endsWith('/order')) return { itemIds: [] };
	if (route.path.endsWith('/current')) return { itemId: other.item ?? 'unknown' };
	if (route.path.endsWith('/edits')) return { edits: [] };
	if (route.path.endsWith('/merge')) return { intoId: other.agency };
	if (route.path.endsWith('/password')) return { password: 'mat-khau-moi-du-dai' };
	// Ending a session wants one's own password typed again.
	if (route.path.startsWith('/api/auth/sessions/')) return { password: DEMO_PASSWORD };
	if (route.path.includes('/indicators/')) return { reportedValue: 1 };
	if (route.path.endsWith('/reminders')) return { confirm: true };
	if (route.path.startsWith('/api/roundtrip/')) return { agencyId: other.agency };
	if (route.path.startsWith('/api/members/')) return { areas: ['Hoàn Kiếm'] };
	return {};
}

describe('organizations: nothing crosses', () => {
	it('every route with an id of another organization answers 404 to every role it admits, and reveals nothing to the others', async () => {
		void createApp; // the route list is complete once an app has been built (startTestServer did)
		const routes = routeAccessList().filter((r) => r.path.includes(':') && !r.path.startsWith('/api/platform/'));
		expect(routes.length).toBeGreaterThan(30);
		const failures: string[] = [];
		for (const account of CAN_THO) {
			const token = await login(server.url, account.username);
			for (const route of routes) {
				const res = await call(server.url, route.method, pathWith(route, other), {
					token,
					body: route.method === 'GET' ? undefined : bodyFor(route)
				});
				if (allows(route.who, account.role)) {
					if (res.status !== 404) failures.push(`${account.username} ${route.method} ${route.path}: ${res.status}`);
				} else {
					const none = await call(server.url, route.method, pathWith(route, null), {
						token,
						body: route.method === 'GET' ? undefined : bodyFor(route)
					});
					if (res.status !== none.status)
						failures.push(`${account.username} ${route.method} ${route.path}: ${res.status} vs ${none.status} for an unknown id`);
				}
				const text = JSON.stringify(res.body);
				for (const id of foreignIds) if (text.includes(id)) failures.push(`${account.username} ${route.method} ${route.path} names ${id}`);
			}
		}
		expect(failures).toEqual([]);
	}, 300_000);

	it('lists name only the own organization’s boards, agencies and people', async () => {
		for (const account of CAN_THO) {
			const token = await login(server.url, account.username);
			for (const path of [
				'/api/boards',
				'/api/agencies',
				'/api/people?q=chuyen%20vien',
				'/api/people?q=quan%20tri',
				'/api/inbox',
				'/api/me',
				'/api/members',
				'/api/admin/users',
				'/api/admin/agencies',
				'/api/admin/quarantine'
			]) {
				const res = await call(server.url, 'GET', path, { token });
				const text = JSON.stringify(res.body);
				for (const id of foreignIds) expect(text.includes(id), `${account.username} ${path} names ${id}`).toBe(false);
			}
		}
	});

	it('the sync socket of another organization’s board closes with 4404 for every role', async () => {
		for (const account of CAN_THO) {
			const token = await login(server.url, account.username);
			expect(await closeCodeOf(`${server.wsUrl}/sync/board/${other.board}?token=${token}`), account.username).toBe(4404);
		}
	});

	it('switching to an organization one is not a member of answers 404', async () => {
		const token = await login(server.url, 'stc');
		expect((await call(server.url, 'POST', '/api/me/organization', { token, body: { orgId: other.org } })).status).toBe(404);
	});
});

describe('notifications stay inside the organization', () => {
	it('a mention on a Cần Thơ board reaches Cần Thơ’s people and agencies, never another organization’s', async () => {
		const stc = await login(server.url, 'stc');
		const snnmt = await login(server.url, 'snnmt');
		const { user } = (await call(server.url, 'GET', '/api/me', { token: snnmt })).body as { user: { id: string; agencyId: string } };
		const boards = (await call(server.url, 'GET', '/api/boards', { token: snnmt })).body as { id: string }[];
		const board = (await call(server.url, 'GET', `/api/boards/${boards[0].id}`, { token: snnmt })).body as {
			cards: { id: string; lead: string[]; support: string[] }[];
		};
		const card = board.cards[0]; // written by the server on snnmt's behalf: any card will do
		// Hà Nội's account names are not in Cần Thơ's directory: "@hn.stc" names nobody here.
		const body = 'Đề nghị @Sở Tài chính và @hn.stc cho ý kiến trước ngày 15/12';
		await server.sync.change(boards[0].id, user.id, card.id, 'comment', (room) =>
			addComment(room.doc, card.id, { body }, { userId: user.id, agencyId: user.agencyId })
		);
		const inboxOf = async (token: string) => JSON.stringify((await call(server.url, 'GET', '/api/inbox', { token })).body);
		await expect.poll(() => inboxOf(stc), { timeout: 10_000 }).toContain('15/12');
		expect(await inboxOf(await login(server.url, 'hn.stc'))).not.toContain('15/12');
		expect(await inboxOf(await login(server.url, 'dn.stc'))).not.toContain('15/12');
		// Nor written for them at all (it would be mailed): no message of this comment outside Cần Thơ.
		const outside = await queryValue<number>(
			server,
			sql`select count(*) from inbox_messages m
				left join users u on u.id = m.user_id
				left join agencies a on a.id = m.agency_id
				where m.body like '%15/12%' and (u.org_id != (select org_id from boards where id = ${boards[0].id}) or a.org_id != (select org_id from boards where id = ${boards[0].id}))`
		);
		expect(Number(outside)).toBe(0);
	});
});

describe('the demo’s three organizations', () => {
	it('stc sees only Cần Thơ’s boards and dn.stc only Đồng Nai’s; each organization has its own Sở Tài chính', async () => {
		const titles = async (username: string) =>
			((await call(server.url, 'GET', '/api/boards', { token: await login(server.url, username) })).body as { planTitle: string }[]).map(
				(b) => b.planTitle
			);
		const ct = await titles('stc');
		const dn = await titles('dn.stc');
		// Written from the plans: Cần Thơ's two plans, Đồng Nai's one.
		expect(ct.length).toBeGreaterThan(0);
		expect(ct.every((t) => !/Đồng Nai|Hà Nội/i.test(t))).toBe(true);
		expect(dn.length).toBe(1);
		const stcIds: string[] = [];
		for (const username of ['stc', 'dn.stc', 'hn.stc']) {
			const agencies = (await call(server.url, 'GET', '/api/agencies', { token: await login(server.url, username) })).body as {
				id: string;
				name: string;
			}[];
			const stc = agencies.filter((a) => a.name === 'Sở Tài chính');
			expect(stc, username).toHaveLength(1);
			stcIds.push(stc[0].id);
		}
		expect(new Set(stcIds).size).toBe(3);
	});

	it('a user of two organizations switches between them: the boards, role and agency follow', async () => {
		const admin = await login(server.url, 'admin');
		const dnOrg = (await queryValue<string>(server, sql`select id from organizations where slug = 'dong-nai'`))!;
		expect(
			(
				await call(server.url, 'POST', `/api/platform/organizations/${dnOrg}/members`, {
					token: admin,
					body: { username: 'lanhdao', role: 'leader' }
				})
			).status
		).toBe(201);
		const token = await login(server.url, 'lanhdao');
		const me = (await call(server.url, 'GET', '/api/me', { token })).body as { organization: { slug: string }; organizations: { slug: string }[] };
		expect(me.organization.slug).toBe('can-tho');
		expect(me.organizations.map((o) => o.slug).sort()).toEqual(['can-tho', 'dong-nai']);
		expect((await call(server.url, 'POST', '/api/me/organization', { token, body: { orgId: dnOrg } })).status).toBe(200);
		const boards = (await call(server.url, 'GET', '/api/boards', { token })).body as { planTitle: string }[];
		expect(boards).toHaveLength(1);
		expect(((await call(server.url, 'GET', '/api/me', { token })).body as { organization: { slug: string } }).organization.slug).toBe('dong-nai');
	});

	it('a platform administrator creates an organization with its first administrator; an organization’s admin may not', async () => {
		const admin = await login(server.url, 'admin');
		const created = await call(server.url, 'POST', '/api/platform/organizations', {
			token: admin,
			body: {
				slug: 'bo-tai-chinh',
				name: 'Ban Chỉ đạo Bộ Tài chính',
				admin: { username: 'btc.admin', displayName: 'Quản trị BTC', password: 'mat-khau-du-dai-1' }
			}
		});
		expect(created.status).toBe(201);
		const btc = await login(server.url, 'btc.admin', 'mat-khau-du-dai-1');
		expect((await call(server.url, 'GET', '/api/boards', { token: btc })).body).toEqual([]);
		expect((await call(server.url, 'POST', '/api/platform/organizations', { token: btc, body: {} })).status).toBe(403);
		expect((await call(server.url, 'POST', '/api/platform/organizations', { token: await login(server.url, 'dn.admin'), body: {} })).status).toBe(
			403
		);
	});
});
