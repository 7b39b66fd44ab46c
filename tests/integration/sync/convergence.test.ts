import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, cardsMap, readBoard, setProgress, setStatus, titleText } from '../../../src/lib/core/board-doc.js';
import { STATUSES } from '../../../src/lib/core/board-types.js';
import { api, connectBoard, login, startTestServer, synced, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

let server: TestServer;
let token: string;
let adminToken: string;
let boardId: string;
let cardIds: string[];

beforeAll(async () => {
	server = await startTestServer();
	token = await login(server.url, 'thuky');
	adminToken = await login(server.url, 'admin');
	const boards = await api<{ id: string }[]>(server.url, token, '/api/boards');
	boardId = boards[0].id;
	const board = await api<{ cards: { id: string }[] }>(server.url, token, `/api/boards/${boardId}`);
	cardIds = board.cards.map((c) => c.id);
});
afterAll(async () => server.stop());

function state(doc: Y.Doc) {
	const b = readBoard(doc);
	b.cards.sort((x, y) => (x.id < y.id ? -1 : 1));
	return b;
}

async function converged(clients: BoardClient[]) {
	const room = server.sync.rooms.get(boardId)!;
	const target = () => JSON.stringify(state(room.doc));
	await waitFor(() => clients.every((c) => JSON.stringify(state(c.doc)) === target()), 10_000, 'convergence');
}

describe('concurrent editing', () => {
	it('two clients editing statuses, titles and comments converge to what the server stored', async () => {
		const a = connectBoard(server.wsUrl, boardId, token);
		const b = connectBoard(server.wsUrl, boardId, adminToken);
		await Promise.all([synced(a), synced(b)]);
		const card = cardIds[0];
		setStatus(a.doc, card, 'doing', await actor(token));
		setStatus(b.doc, card, 'blocked', await actor(adminToken));
		titleText(a.doc, card).insert(0, 'A: ');
		titleText(b.doc, card).insert(titleText(b.doc, card).length, ' (B)');
		addComment(a.doc, card, { body: 'Bình luận từ A' }, await actor(token));
		addComment(b.doc, card, { body: 'Bình luận từ B' }, await actor(adminToken));
		await converged([a, b]);
		const title = titleText(a.doc, card).toString();
		expect(title.startsWith('A: ')).toBe(true);
		expect(title.endsWith(' (B)')).toBe(true);
		expect(
			state(a.doc)
				.cards.find((c) => c.id === card)!
				.comments.map((c) => c.body)
				.sort()
		).toEqual(['Bình luận từ A', 'Bình luận từ B']);
		a.destroy();
		b.destroy();
	});

	it('twenty clients editing at once converge, and the stored document equals the live one', async () => {
		const clients = Array.from({ length: 20 }, (_, i) => connectBoard(server.wsUrl, boardId, i % 2 ? token : adminToken));
		await Promise.all(clients.map((c) => synced(c)));
		// Each client signs its edits as its own user (the server refuses any other name).
		const ids = [(await me(adminToken)).id, (await me(token)).id];
		for (let round = 0; round < 5; round++) {
			clients.forEach((c, i) => {
				const card = cardIds[(i + round) % cardIds.length];
				setStatus(c.doc, card, STATUSES[(i + round) % 4], { userId: ids[i % 2] });
				setProgress(c.doc, card, (i * 7 + round) % 100, { userId: ids[i % 2] });
				titleText(c.doc, card).insert(0, `${i}`);
			});
			await new Promise((r) => setTimeout(r, 20));
		}
		await converged(clients);
		for (const c of clients) c.destroy();
		// The room unloads (compacting its log); a fresh load from SQLite equals what clients saw.
		const live = JSON.stringify(state(server.sync.rooms.get(boardId)!.doc));
		await waitFor(() => server.sync.rooms.get(boardId) === undefined, 5000, 'room unload');
		const reloaded = await server.sync.rooms.withRoom(boardId, (room) => JSON.stringify(state(room.doc)));
		expect(reloaded).toBe(live);
	});

	it('a client that edits offline merges its edits on reconnect, losing nothing on either side', async () => {
		const a = connectBoard(server.wsUrl, boardId, token);
		const b = connectBoard(server.wsUrl, boardId, adminToken);
		await Promise.all([synced(a), synced(b)]);
		a.provider.disconnect();
		await waitFor(() => !a.provider.wsconnected, 2000, 'disconnect');
		addComment(a.doc, cardIds[1], { body: 'Viết khi mất mạng' }, await actor(token));
		titleText(a.doc, cardIds[2]).insert(0, 'Offline ');
		addComment(b.doc, cardIds[1], { body: 'Viết khi có mạng' }, await actor(adminToken));
		await new Promise((r) => setTimeout(r, 200));
		expect(cardsMap(b.doc).get(cardIds[2])!.get('title')!.toString().startsWith('Offline ')).toBe(false);
		a.provider.connect();
		await converged([a, b]);
		const bodies = state(b.doc)
			.cards.find((c) => c.id === cardIds[1])!
			.comments.map((c) => c.body);
		expect(bodies).toContain('Viết khi mất mạng');
		expect(bodies).toContain('Viết khi có mạng');
		expect(titleText(b.doc, cardIds[2]).toString().startsWith('Offline ')).toBe(true);
		a.destroy();
		b.destroy();
	});

	it('every accepted change is attributed in the activity list, newest first', async () => {
		const a = connectBoard(server.wsUrl, boardId, token);
		await synced(a);
		const user = await me(token);
		const current = readBoard(a.doc).cards.find((c) => c.id === cardIds[3])!.status;
		const next = current === 'done' ? 'doing' : 'done';
		setStatus(a.doc, cardIds[3], next, { userId: user.id });
		await waitFor(() => server.sync.rooms.get(boardId)!.lastSeq > 0);
		await new Promise((r) => setTimeout(r, 400)); // projection is debounced
		const activity = await api<{ cardId: string; field: string; detail: string; userId: string }[]>(
			server.url,
			token,
			`/api/boards/${boardId}/activity`
		);
		expect(activity[0]).toMatchObject({ cardId: cardIds[3], userId: user.id });
		expect(activity.some((x) => x.cardId === cardIds[3] && x.field === 'status' && x.detail === next)).toBe(true);
		a.destroy();
	});
});

const meCache = new Map<string, { id: string; agencyId: string | null }>();
async function me(t: string) {
	if (!meCache.has(t)) meCache.set(t, (await api<{ user: { id: string; agencyId: string | null } }>(server.url, t, '/api/me')).user);
	return meCache.get(t)!;
}

async function actor(t: string) {
	const u = await me(t);
	return { userId: u.id, agencyId: u.agencyId };
}
