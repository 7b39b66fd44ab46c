import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard, setProgress, setResult, setStatus } from '../../../src/lib/core/board-doc.js';
import { decodeClientMessage, MessageType, SyncStep } from '../../../server/sync/protocol.js';
import type { Peer } from '../../../server/sync/room.js';
import { api, connectBoard, login, startTestServer, synced, waitFor, type TestServer } from '../helpers/server.js';
import { refuseInserts } from '../helpers/failing-trigger.js';

let server: TestServer;
let token: string;
let boardId: string;

/** How many updates of the board are in the log. */
async function logCount(): Promise<number> {
	const r = await server.ctx.db
		.selectFrom('board_updates')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('board_id', '=', boardId)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

beforeAll(async () => {
	server = await startTestServer();
	token = await login(server.url, 'thuky');
	boardId = (await api<{ id: string }[]>(server.url, token, '/api/boards'))[0].id;
});
afterAll(async () => server.stop());

/** A peer of the room that records the update messages it is sent, and keeps a replica. */
function recordingPeer(userId: string, agencyId: string | null) {
	const updates: Uint8Array[] = [];
	const replica = new Y.Doc();
	const peer: Peer = {
		userId,
		guard: { subject: { id: userId, role: 'facilitator', agencyId }, isCollective: () => false, agencyExists: () => true },
		identity: { id: userId, name: userId, agencyShortName: null },
		close() {},
		send(frame) {
			const msg = decodeClientMessage(frame);
			if (msg.type === MessageType.Sync && msg.step !== SyncStep.Step1) {
				if (msg.step === SyncStep.Update) updates.push(msg.update);
				Y.applyUpdate(replica, msg.update);
			}
		},
		sendShared(message) {
			this.send(message.payload);
		}
	};
	return { peer, updates, replica };
}

describe('relay', () => {
	it('sends the updates of one turn as one message per peer (a sole sender gets nothing back) and everyone converges', async () => {
		const user = await server.ctx.db.selectFrom('users').select(['id', 'agency_id']).where('username', '=', 'thuky').executeTakeFirstOrThrow();
		const room = await server.sync.rooms.open(boardId);
		const peers = [recordingPeer(user.id, user.agency_id), recordingPeer(user.id, user.agency_id), recordingPeer(user.id, user.agency_id)];
		for (const p of peers) {
			room.join(p.peer);
			Y.applyUpdate(p.replica, Y.encodeStateAsUpdate(room.doc));
		}
		const [a, b, c] = peers;
		const cards = readBoard(room.doc).cards.map((x) => x.id);
		const edit = (p: (typeof peers)[number], fn: (doc: Y.Doc) => void) => {
			const before = Y.encodeStateVector(p.replica);
			fn(p.replica);
			const result = room.applyClientUpdate(p.peer, Y.encodeStateAsUpdate(p.replica, before));
			expect(result).toEqual({ ok: true });
		};
		// Two updates from one peer within one turn: one message to each other peer, none back to it.
		edit(a, (d) => setStatus(d, cards[0], 'doing', { userId: user.id }));
		edit(a, (d) => setProgress(d, cards[2], 40, { userId: user.id }));
		expect(c.updates).toHaveLength(0); // nothing relayed before it is stored
		// Stored within the turn on SQLite; after a round trip on PostgreSQL.
		await waitFor(() => c.updates.length > 0, 3000, 'the first relay');
		await new Promise((r) => setImmediate(r));
		expect([a.updates.length, b.updates.length, c.updates.length]).toEqual([0, 1, 1]);

		// Updates from two peers within one turn (only under load): one merged message for everyone.
		edit(a, (d) => setProgress(d, cards[2], 45, { userId: user.id }));
		edit(b, (d) => setResult(d, cards[1], 'Đã gửi báo cáo quý', { userId: user.id }));
		await waitFor(() => c.updates.length > 1, 3000, 'the second relay');
		await new Promise((r) => setImmediate(r));
		expect([a.updates.length, b.updates.length, c.updates.length]).toEqual([1, 2, 2]);

		const state = (d: Y.Doc) => readBoard(d).cards.filter((x) => cards.slice(0, 3).includes(x.id));
		for (const p of peers) expect(state(p.replica)).toEqual(state(room.doc));
		const byId = (id: string) => readBoard(c.replica).cards.find((x) => x.id === id)!;
		const [s0, s1, s2] = cards.slice(0, 3).map(byId);
		expect([s0.status, s1.result, s2.progress]).toEqual(['doing', 'Đã gửi báo cáo quý', 45]);
		// And the four are in the log.
		expect(await logCount()).toBeGreaterThanOrEqual(4);
		for (const p of peers) server.sync.rooms.leave(room, p.peer);
	});

	it('relayed frames of every length class (short, 16-bit and 64-bit lengths) reach stock clients intact', async () => {
		const a = connectBoard(server.wsUrl, boardId, token);
		const b = connectBoard(server.wsUrl, boardId, token);
		await Promise.all([synced(a), synced(b)]);
		const cards = readBoard(a.doc).cards.map((x) => x.id);
		const texts = ['x', 'Kết quả '.repeat(40), 'Đã triển khai đồng bộ các nội dung; '.repeat(2500)];
		// One at a time, so that each is relayed in its own frame.
		for (const [i, t] of texts.entries()) {
			setResult(a.doc, cards[5 + i], t, await signer());
			await waitFor(() => readBoard(b.doc).cards.find((c) => c.id === cards[5 + i])!.result === t, 5000, `result ${i}`);
		}
		expect(Buffer.byteLength(texts[2])).toBeGreaterThan(65536);
		for (const x of [a, b]) x.destroy();
	});

	it('when storing fails, the update is neither relayed nor lost: it is stored and relayed once storage works again', async () => {
		const a = connectBoard(server.wsUrl, boardId, token);
		const b = connectBoard(server.wsUrl, boardId, token);
		await Promise.all([synced(a), synced(b)]);
		const cardId = readBoard(a.doc).cards[3].id;
		const before = await logCount();
		const removeTrigger = await refuseInserts(server.ctx, 'board_updates', 'disk I/O error (test)');
		const errors: unknown[] = [];
		const origError = console.error;
		console.error = (...m: unknown[]) => errors.push(m);
		try {
			setResult(a.doc, cardId, 'Chờ lưu', await signer());
			await new Promise((r) => setTimeout(r, 300));
			expect(readBoard(b.doc).cards.find((c) => c.id === cardId)!.result).toBe('');
			expect(await logCount()).toBe(before);
			expect(errors.length).toBeGreaterThan(0);
		} finally {
			await removeTrigger();
			console.error = origError;
		}
		await waitFor(() => readBoard(b.doc).cards.find((c) => c.id === cardId)!.result === 'Chờ lưu', 3000, 'relay after storage recovers');
		expect(await logCount()).toBeGreaterThan(before);
		// The server kept serving: a new client gets the stored result.
		const c = connectBoard(server.wsUrl, boardId, token);
		await synced(c);
		expect(readBoard(c.doc).cards.find((x) => x.id === cardId)!.result).toBe('Chờ lưu');
		for (const x of [a, b, c]) x.destroy();
	});
});

/** The signature of the test's user on its edits (the server refuses edits signed by anyone else). */
async function signer() {
	const u = await api<{ user: { id: string; agencyId: string | null } }>(server.url, token, '/api/me');
	return { userId: u.user.id, agencyId: u.user.agencyId };
}
