import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectBoard, login, startTestServer, synced, waitFor, type TestServer } from '../helpers/server.js';
import { readBoard } from '../../../src/lib/core/board-doc.js';
import { AGENDA_BUCKETS, type ReviewSession } from '../../../src/lib/review/review-types.js';
import type { BoardSummary } from '../../../src/lib/review/board-summary.js';
import { documentXml, runsText, tableRows } from '../../unit/reports/docx-xml.js';

let server: TestServer;
let thuky: string;
let lanhdao: string;
let boardId: string;
let session: ReviewSession;

beforeAll(async () => {
	server = await startTestServer();
	thuky = await login(server.url, 'thuky');
	lanhdao = await login(server.url, 'lanhdao');
	boardId = (await api<{ id: string }[]>(server.url, thuky, '/api/boards'))[0].id;
});
afterAll(async () => server.stop());

function call(token: string, method: string, path: string, body?: unknown) {
	return fetch(`${server.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}
async function ok<T = ReviewSession>(res: Response): Promise<T> {
	if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

describe('review sessions', () => {
	it('a facilitator opens a review for Quý II/2026; the agenda holds every card once, parts in order', async () => {
		session = await ok(await call(thuky, 'POST', `/api/boards/${boardId}/reviews`, { year: 2026, quarter: 2 }));
		expect(session).toMatchObject({ title: 'Rà soát Quý II/2026', status: 'open', year: 2026, quarter: 2 });
		const board = await api<{ cards: { id: string; deadline: { due: string | null } }[] }>(server.url, thuky, `/api/boards/${boardId}`);
		expect(session.items.map((i) => i.cardId).sort()).toEqual(board.cards.map((c) => c.id).sort());
		const ranks = session.items.map((i) => AGENDA_BUCKETS.indexOf(i.bucket));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		const due = new Set(
			board.cards.filter((c) => c.deadline.due && c.deadline.due >= '2026-04-01' && c.deadline.due <= '2026-06-30').map((c) => c.id)
		);
		expect(
			session.items
				.filter((i) => i.bucket === 'due')
				.map((i) => i.cardId)
				.sort()
		).toEqual([...due].sort());
		expect(session.attendees.map((a) => a.name)).toEqual(['Thư ký cuộc họp']);
	});

	it('leaders cannot open a review, reorder it or record a conclusion', async () => {
		expect((await call(lanhdao, 'POST', `/api/boards/${boardId}/reviews`, { year: 2026, quarter: 2 })).status).toBe(403);
		const ids = session.items.map((i) => i.id);
		expect((await call(lanhdao, 'PUT', `/api/reviews/${session.id}/order`, { itemIds: ids })).status).toBe(403);
		expect((await call(lanhdao, 'POST', `/api/reviews/${session.id}/items/${ids[0]}`, { conclusion: 'x' })).status).toBe(403);
	});

	it('the facilitator reorders the agenda; a list that drops an item is refused', async () => {
		const ids = session.items.map((i) => i.id);
		const moved = [ids[2], ids[0], ids[1], ...ids.slice(3)];
		session = await ok(await call(thuky, 'PUT', `/api/reviews/${session.id}/order`, { itemIds: moved }));
		expect(session.items.map((i) => i.id)).toEqual(moved);
		expect((await call(thuky, 'PUT', `/api/reviews/${session.id}/order`, { itemIds: moved.slice(1) })).status).toBe(400);
	});

	it('only the person in control moves the current card, until the facilitator hands control over', async () => {
		const [first, second] = session.items;
		await ok(await call(lanhdao, 'POST', `/api/reviews/${session.id}/join`));
		expect((await call(lanhdao, 'POST', `/api/reviews/${session.id}/current`, { itemId: first.id })).status).toBe(403);
		session = await ok(await call(thuky, 'POST', `/api/reviews/${session.id}/current`, { itemId: first.id }));
		expect(session.currentItemId).toBe(first.id);
		expect(session.startedAt).not.toBeNull();

		// Control goes only to someone attending the session.
		const snnmt = await login(server.url, 'snnmt');
		const me = await api<{ user: { id: string } }>(server.url, snnmt, '/api/me');
		expect((await call(thuky, 'POST', `/api/reviews/${session.id}/control`, { userId: me.user.id })).status).toBe(400);

		const leader = session.attendees.find((a) => a.name.startsWith('Lãnh đạo'))!;
		session = await ok(await call(thuky, 'POST', `/api/reviews/${session.id}/control`, { userId: leader.userId }));
		expect(session.controllerId).toBe(leader.userId);
		session = await ok(await call(lanhdao, 'POST', `/api/reviews/${session.id}/current`, { itemId: second.id }));
		expect(session.currentItemId).toBe(second.id);
		expect(session.items.find((i) => i.id === first.id)!.elapsedMs).toBeGreaterThanOrEqual(0);

		session = await ok(await call(thuky, 'POST', `/api/reviews/${session.id}/control`, {}));
		expect((await call(lanhdao, 'POST', `/api/reviews/${session.id}/current`, { itemId: first.id })).status).toBe(403);
	});

	it('recording a conclusion writes the decision, the new deadline and a minuted comment to the card, live', async () => {
		const watcher = connectBoard(server.wsUrl, boardId, lanhdao);
		await synced(watcher);
		const item = session.items[0];
		const snn = (await api<{ id: string; name: string }[]>(server.url, thuky, '/api/agencies')).find(
			(a) => a.name === 'Sở Nông nghiệp và Môi trường'
		)!;
		session = await ok(
			await call(thuky, 'POST', `/api/reviews/${session.id}/items/${item.id}`, {
				conclusion: 'Chậm do chưa bố trí kinh phí; giao bổ sung trong quý III.',
				decision: 'blocked',
				followUp: 'Hoàn thiện hồ sơ kinh phí, trình UBND thành phố',
				followUpAgencyId: snn.id,
				followUpDue: '2026-09-30'
			})
		);
		const recorded = session.items.find((i) => i.id === item.id)!;
		expect(recorded).toMatchObject({ decision: 'blocked', followUpDue: '2026-09-30', followUpAgencyName: 'Sở Nông nghiệp và Môi trường' });
		expect(recorded.recordedAt).not.toBeNull();

		await waitFor(() => readBoard(watcher.doc).cards.find((c) => c.id === item.cardId)?.status === 'blocked', 5000, 'status on the card');
		const card = readBoard(watcher.doc).cards.find((c) => c.id === item.cardId)!;
		expect(card.deadline).toMatchObject({ kind: 'date', due: '2026-09-30' });
		expect(card.deadline.raw).toMatch(/^30\/09\/2026 \(gia hạn từ .+\)$/);
		const comment = card.comments.at(-1)!;
		expect(comment.body).toContain('[Phiên rà soát Quý II/2026]');
		expect(comment.body).toContain('Kết luận: Chậm do chưa bố trí kinh phí');
		expect(comment.body).toContain('Giao Sở Nông nghiệp và Môi trường: Hoàn thiện hồ sơ kinh phí');
		watcher.destroy();

		// Saving the same record again does not repeat the comment.
		await ok(
			await call(thuky, 'POST', `/api/reviews/${session.id}/items/${item.id}`, {
				conclusion: recorded.conclusion,
				decision: 'blocked',
				followUp: recorded.followUp,
				followUpAgencyId: snn.id,
				followUpDue: '2026-09-30'
			})
		);
		const board = await api<{ cards: { id: string; commentCount: number }[] }>(server.url, thuky, `/api/boards/${boardId}`);
		expect(board.cards.find((c) => c.id === item.cardId)!.commentCount).toBe(card.comments.length);

		// The follow-up lands in the agency's inbox.
		const snnmt = await login(server.url, 'snnmt');
		const inbox = await api<{ kind: string; title: string }[]>(server.url, snnmt, '/api/inbox');
		expect(inbox.filter((m) => m.kind === 'follow-up')).toHaveLength(1);
	});

	it('closing freezes a snapshot and produces the minutes, as JSON and as DOCX', async () => {
		const item = session.items[1];
		await ok(
			await call(thuky, 'POST', `/api/reviews/${session.id}/items/${item.id}`, { conclusion: 'Đạt tiến độ, tiếp tục theo dõi.', decision: 'done' })
		);
		session = await ok(await call(thuky, 'POST', `/api/reviews/${session.id}/close`));
		expect(session.status).toBe('closed');
		expect(session.snapshotId).toBeTruthy();
		const snap = await api<BoardSummary & { kind: string; reviewId: string }>(server.url, lanhdao, `/api/snapshots/${session.snapshotId}`);
		expect(snap).toMatchObject({ kind: 'review', reviewId: session.id });
		expect(snap.cards.find((c) => c.id === item.cardId)!.status).toBe('done');

		expect((await call(thuky, 'POST', `/api/reviews/${session.id}/items/${item.id}`, { conclusion: 'muộn' })).status).toBe(409);

		const res = await fetch(`${server.url}/api/reviews/${session.id}/minutes.docx`, { headers: { authorization: `Bearer ${lanhdao}` } });
		expect(res.status).toBe(200);
		const xml = documentXml(new Uint8Array(await res.arrayBuffer()));
		const text = runsText(xml);
		expect(text).toContain('BIÊN BẢN');
		expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
		expect(text).toContain('Thành phần tham dự: 2 người.');
		expect(text).toContain('Lãnh đạo UBND thành phố');
		const table = tableRows(xml).find((t) => t[0]?.startsWith('STT | Nhiệm vụ | Cơ quan chủ trì | Kết luận'))!;
		// The two concluded cards, in agenda order; the others are listed as not discussed.
		expect(table).toHaveLength(3);
		expect(table[1]).toContain('Chậm do chưa bố trí kinh phí');
		expect(table[1]).toContain('Hạn: 30/09/2026');
		expect(table[2]).toContain('Đạt tiến độ, tiếp tục theo dõi.');
		expect(text).toContain(`Các nhiệm vụ chưa xem xét (${session.items.length - 2}): ${session.items[2].code}, `);
		expect(text).toMatch(/Quyết định về trạng thái \(2\)/);
	});

	it("lists the board's sessions with how many items were recorded", async () => {
		const list = await api<{ id: string; status: string; recordedCount: number; itemCount: number }[]>(
			server.url,
			lanhdao,
			`/api/boards/${boardId}/reviews`
		);
		expect(list[0]).toMatchObject({ id: session.id, status: 'closed', recordedCount: 2, itemCount: session.items.length });
	});
});
