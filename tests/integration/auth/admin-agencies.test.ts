import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCard, readBoard } from '../../../src/lib/core/board-doc.js';
import { ensureAgency } from '../../../server/import/persist.js';
import { connectBoard, login, startTestServer, synced, waitFor, type TestServer, orgIdOf } from '../helpers/server.js';
import { call, openSocket } from './http.js';

let server: TestServer;
let admin: string;
let stcAgency: string;

interface AgencyJson {
	id: string;
	name: string;
	aliases: string[];
	isCollective: boolean;
	userCount: number;
	cardCount: number;
}

const agencies = async (): Promise<AgencyJson[]> => (await call(server.url, 'GET', '/api/admin/agencies', { token: admin })).body;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
	stcAgency = (await agencies()).find((a) => a.name === 'Sở Tài chính')!.id;
});
afterAll(async () => server.stop());

describe('agencies', () => {
	it('lists agencies with their spellings, accounts and cards', async () => {
		const list = await agencies();
		const ubnd = list.find((a) => a.name === 'Ủy ban nhân dân thành phố')!;
		expect(ubnd.aliases).toContain('UBND thành phố');
		expect(list.find((a) => a.id === stcAgency)).toMatchObject({ userCount: 3 });
		expect(list.find((a) => a.id === stcAgency)!.cardCount).toBeGreaterThan(0);
	});

	it('adds an agency; a name already known under any spelling is 409', async () => {
		const res = await call(server.url, 'POST', '/api/admin/agencies', { token: admin, body: { name: '  Sở   Y tế ' } });
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ name: 'Sở Y tế', shortName: 'SYT', isCollective: false });
		expect((await call(server.url, 'POST', '/api/admin/agencies', { token: admin, body: { name: 'Sở Y tế' } })).status).toBe(409);
		expect((await call(server.url, 'POST', '/api/admin/agencies', { token: admin, body: { name: 'Uỷ ban nhân dân thành phố' } })).status).toBe(409);
		expect((await call(server.url, 'POST', '/api/admin/agencies', { token: admin, body: { name: '' } })).status).toBe(400);
	});
});

/** Writes an agency into a card's lead or support column directly, as an import with a misspelling would. */
async function addAgency(boardId: string, cardId: string, column: 'lead' | 'support', agencyId: string) {
	await server.sync.change(boardId, null, cardId, column, (room) => {
		(getCard(room.doc, cardId).get(column) as Y.Array<string>).push([agencyId]);
	});
}

describe('merging an agency into another', () => {
	it('moves spellings, accounts and card references, live and in the database', async () => {
		const created = await call(server.url, 'POST', '/api/admin/agencies', { token: admin, body: { name: 'Sở Tài chánh' } });
		const aliasId: string = created.body.id;
		const user = await call(server.url, 'POST', '/api/admin/users', {
			token: admin,
			body: { username: 'chanh', displayName: 'Cán bộ', password: 'mat-khau-chanh', role: 'editor', agencyId: aliasId }
		});
		expect(user.status).toBe(201);

		const boards = (await call(server.url, 'GET', '/api/boards', { token: admin })).body as { id: string }[];
		let boardId = '';
		let cards: { id: string; lead: string[]; support: string[] }[] = [];
		for (const b of boards) {
			cards = (await call(server.url, 'GET', `/api/boards/${b.id}`, { token: admin })).body.cards;
			if (cards.some((c) => c.lead.includes(stcAgency)) && cards.some((c) => !c.lead.includes(stcAgency))) {
				boardId = b.id;
				break;
			}
		}
		const ledBySTC = cards.find((c) => c.lead.includes(stcAgency) && !c.support.includes(stcAgency))!;
		const others = cards.filter((c) => !c.lead.includes(stcAgency) && !c.support.includes(stcAgency));
		const [aloneLead, plainSupport] = others;
		await addAgency(boardId, aloneLead.id, 'lead', aliasId);
		await addAgency(boardId, ledBySTC.id, 'support', aliasId);
		await addAgency(boardId, plainSupport.id, 'support', aliasId);
		await server.sync.projection.flush();

		const watcher = connectBoard(server.wsUrl, boardId, admin);
		await synced(watcher);
		const chanhToken = (await call(server.url, 'POST', '/api/auth/login', { body: { username: 'chanh', password: 'mat-khau-chanh' } })).body.token;
		const chanhSocket = await openSocket(`${server.wsUrl}/sync/board/${boardId}?token=${chanhToken}`);

		const res = await call(server.url, 'POST', `/api/admin/agencies/${aliasId}/merge`, { token: admin, body: { intoId: stcAgency } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ ok: true, boards: 1, cards: 3, users: 1 });

		const card = (id: string) => readBoard(watcher.doc).cards.find((c) => c.id === id)!;
		await waitFor(() => card(aloneLead.id).lead.includes(stcAgency), 3000, 'the merge to reach a connected client');
		expect(card(aloneLead.id).lead).not.toContain(aliasId);
		expect(card(aloneLead.id).lead.filter((x) => x === stcAgency)).toHaveLength(1);
		// The agency already leads this card; it is not listed as supporting it as well.
		expect(card(ledBySTC.id).support).not.toContain(aliasId);
		expect(card(ledBySTC.id).support).not.toContain(stcAgency);
		expect(card(plainSupport.id).support).toContain(stcAgency);
		expect(card(plainSupport.id).support).not.toContain(aliasId);

		// The moved account's socket is closed so that it reconnects as a member of its new agency.
		expect(await chanhSocket.closed).toBe(4401);
		const me = await call(server.url, 'GET', '/api/me', { token: chanhToken });
		expect(me.status).toBe(200);
		expect(me.body.user.agencyId).toBe(stcAgency);

		const after = await agencies();
		expect(after.find((a) => a.id === aliasId)).toBeUndefined();
		expect(after.find((a) => a.id === stcAgency)!.aliases).toContain('Sở Tài chánh');
		// A later import that prints the old spelling lands on the agency it was merged into.
		expect(await ensureAgency(server.ctx.db, await orgIdOf(server), 'Sở Tài chánh')).toBe(stcAgency);

		// Persisted: after the room unloads, the board read from the database shows the same.
		watcher.destroy();
		await server.sync.rooms.closeAll();
		const reloaded = (await call(server.url, 'GET', `/api/boards/${boardId}`, { token: admin })).body.cards as typeof cards;
		expect(JSON.stringify(reloaded)).not.toContain(aliasId);
		expect(reloaded.find((c) => c.id === aloneLead.id)!.lead).toContain(stcAgency);
		chanhSocket.ws.close();
	});

	it('refuses merging into itself (400), into nothing (400), or an unknown agency (404)', async () => {
		expect((await call(server.url, 'POST', `/api/admin/agencies/${stcAgency}/merge`, { token: admin, body: { intoId: stcAgency } })).status).toBe(
			400
		);
		expect((await call(server.url, 'POST', `/api/admin/agencies/${stcAgency}/merge`, { token: admin, body: {} })).status).toBe(400);
		expect((await call(server.url, 'POST', '/api/admin/agencies/nope/merge', { token: admin, body: { intoId: stcAgency } })).status).toBe(404);
	});
});
