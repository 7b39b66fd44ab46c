import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, connectBoard, login, startTestServer, synced, type TestServer } from '../helpers/server.js';
import { readBoard, setResult, setStatus } from '../../../src/lib/core/board-doc.js';
import { takeQuarterEndSnapshots } from '../../../server/snapshots/quarter-end.js';
import type { BoardSummary } from '../../../src/lib/review/board-summary.js';
import type { SnapshotMeta } from '../../../server/snapshots/snapshot-store.js';
import type { SnapshotComparison } from '../../../src/lib/review/snapshot-compare.js';

let server: TestServer;
let thuky: string;
let lanhdao: string;
let boardId: string;

type Snapshot = BoardSummary & SnapshotMeta;
interface BoardJson {
	cards: { id: string; code: string; status: string; result: string; progress: number }[];
}

beforeAll(async () => {
	server = await startTestServer();
	thuky = await login(server.url, 'thuky');
	lanhdao = await login(server.url, 'lanhdao');
	boardId = (await api<{ id: string }[]>(server.url, thuky, '/api/boards'))[0].id;
});
afterAll(async () => server.stop());

const post = (token: string, path: string, body: unknown) =>
	fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

describe('snapshots', () => {
	it('a facilitator takes a named snapshot; it lists every card with status, progress, result and category', async () => {
		const res = await post(thuky, `/api/boards/${boardId}/snapshots`, { name: 'Trước họp Quý IV' });
		expect(res.status).toBe(201);
		const meta = (await res.json()) as SnapshotMeta;
		expect(meta).toMatchObject({ name: 'Trước họp Quý IV', kind: 'manual', boardId });
		const snap = await api<Snapshot>(server.url, lanhdao, `/api/snapshots/${meta.id}`);
		const board = await api<BoardJson>(server.url, thuky, `/api/boards/${boardId}`);
		expect(snap.cards).toHaveLength(board.cards.length);
		for (const c of snap.cards) {
			expect(c).toHaveProperty('status');
			expect(c).toHaveProperty('progress');
			expect(c).toHaveProperty('result');
			expect(['doneOnTime', 'doneLate', 'openNotDue', 'openOverdue']).toContain(c.category);
		}
		const list = await api<SnapshotMeta[]>(server.url, lanhdao, `/api/boards/${boardId}/snapshots`);
		expect(list.map((s) => s.id)).toContain(meta.id);
	});

	it('editing the board after a snapshot leaves the snapshot unchanged (summary and Yjs state)', async () => {
		const meta = (await (await post(thuky, `/api/boards/${boardId}/snapshots`, { name: 'Mốc bất biến' })).json()) as SnapshotMeta;
		const before = await api<Snapshot>(server.url, lanhdao, `/api/snapshots/${meta.id}`);
		const stateBefore = new Uint8Array(
			await (await fetch(`${server.url}/api/snapshots/${meta.id}/state`, { headers: { authorization: `Bearer ${lanhdao}` } })).arrayBuffer()
		);

		const client = connectBoard(server.wsUrl, boardId, thuky);
		await synced(client);
		const target = before.cards.find((c) => c.status !== 'done')!;
		// Signed as the facilitator: the server refuses edits signed by anyone but their sender.
		const { user } = await api<{ user: { id: string } }>(server.url, thuky, '/api/me');
		setStatus(client.doc, target.id, 'done', { userId: user.id });
		setResult(client.doc, target.id, 'Kết quả viết sau ảnh chụp', { userId: user.id });
		await expect
			.poll(async () => (await api<BoardJson>(server.url, thuky, `/api/boards/${boardId}`)).cards.find((c) => c.id === target.id)!.result)
			.toBe('Kết quả viết sau ảnh chụp');
		client.destroy();

		const after = await api<Snapshot>(server.url, lanhdao, `/api/snapshots/${meta.id}`);
		expect(after).toEqual(before);
		const stateAfter = new Uint8Array(
			await (await fetch(`${server.url}/api/snapshots/${meta.id}/state`, { headers: { authorization: `Bearer ${lanhdao}` } })).arrayBuffer()
		);
		expect(stateAfter).toEqual(stateBefore);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, stateAfter);
		const frozen = readBoard(doc).cards.find((c) => c.id === target.id)!;
		expect(frozen.status).toBe(target.status);
		expect(frozen.result).toBe(target.result);

		const diff = await api<SnapshotComparison>(server.url, lanhdao, `/api/snapshots/${meta.id}/compare/live`);
		expect(diff.completed.map((c) => c.id)).toContain(target.id);
		expect(diff.resultsAdded.find((r) => r.id === target.id)?.added).toBe('Kết quả viết sau ảnh chụp');
	});

	it('compares two snapshots of a board: status changes, completions and results added', async () => {
		const a = (await (await post(thuky, `/api/boards/${boardId}/snapshots`, { name: 'A' })).json()) as SnapshotMeta;
		const board = await api<BoardJson>(server.url, thuky, `/api/boards/${boardId}`);
		const target = board.cards.find((c) => c.status === 'todo')!;
		await server.sync.change(boardId, null, target.id, 'status', (room) => setStatus(room.doc, target.id, 'doing', { userId: 'test' }));
		const b = (await (await post(thuky, `/api/boards/${boardId}/snapshots`, { name: 'B' })).json()) as SnapshotMeta;
		const diff = await api<SnapshotComparison>(server.url, lanhdao, `/api/snapshots/${b.id}/compare/${a.id}`);
		expect(diff.statusChanged).toEqual([{ id: target.id, code: target.code, title: expect.any(String), from: 'todo', to: 'doing' }]);
	});

	it('leaders and agency staff cannot take snapshots', async () => {
		expect((await post(lanhdao, `/api/boards/${boardId}/snapshots`, { name: 'x' })).status).toBe(403);
		expect((await post(await login(server.url, 'stc'), `/api/boards/${boardId}/snapshots`, { name: 'x' })).status).toBe(403);
	});

	it('once a quarter has ended, every board that existed then gets one automatic snapshot, and only one', async () => {
		const after = new Date('2027-01-02T01:00:00Z');
		const first = await takeQuarterEndSnapshots(server.ctx.db, server.sync, after);
		// Every board of every organization (the job is not one organization's).
		const boards = await server.ctx.db.selectFrom('boards').select('id').execute();
		expect(first).toHaveLength(boards.length);
		expect(first[0]).toMatchObject({ kind: 'quarter', period: '2026-Q4', asOf: '2026-12-31', name: 'Cuối Quý IV/2026' });
		expect(await takeQuarterEndSnapshots(server.ctx.db, server.sync, after)).toHaveLength(0);
	});
});
