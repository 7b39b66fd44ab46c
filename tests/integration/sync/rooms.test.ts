import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, setProgress, setResult } from '../../../src/lib/core/board-doc.js';
import { importParsedPlan } from '../../../server/import/persist.js';
import { syntheticPlan } from '../../../bench/lib/synthetic-plan.js';
import { api, connectBoard, login, startTestServer, synced, waitFor, type TestServer, orgIdOf } from '../helpers/server.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
	server = await startTestServer({ roomIdleMs: 50 });
	token = await login(server.url, 'thuky');
});
afterAll(async () => server.stop());

describe('rooms', () => {
	it('rooms load on first connection and unload after the last client leaves, many times over', async () => {
		const boards = await api<{ id: string }[]>(server.url, token, '/api/boards');
		for (let round = 0; round < 5; round++) {
			const clients = boards.map((b) => connectBoard(server.wsUrl, b.id, token));
			await Promise.all(clients.map((c) => synced(c)));
			expect(server.sync.rooms.size).toBe(boards.length);
			for (const c of clients) c.destroy();
			await waitFor(() => server.sync.rooms.size === 0, 5000, 'rooms to unload');
		}
	});

	it('a large board is served from its stored bytes before the document is integrated, and edits still merge', async () => {
		const { boards } = await importParsedPlan(server.ctx.db, syntheticPlan(800), { sourceName: 'big', sourceText: '', orgId: await orgIdOf(server) });
		const id = boards[0].id;
		const a = connectBoard(server.wsUrl, id, token);
		const b = connectBoard(server.wsUrl, id, token);
		await Promise.all([synced(a), synced(b)]);
		expect(readBoard(a.doc).cards).toHaveLength(800);
		const cardId = readBoard(a.doc).cards[0].id;
		setResult(a.doc, cardId, 'Đã hoàn thành khảo sát', await signer());
		await waitFor(() => readBoard(b.doc).cards.find((c) => c.id === cardId)!.result === 'Đã hoàn thành khảo sát');
		a.destroy();
		b.destroy();
	});

	it('the relational projection follows the document: status, progress, result and search text', async () => {
		const boardId = (await api<{ id: string }[]>(server.url, token, '/api/boards'))[1].id;
		const c = connectBoard(server.wsUrl, boardId, token);
		await synced(c);
		const cardId = readBoard(c.doc).cards[0].id;
		setProgress(c.doc, cardId, 65, await signer());
		setResult(c.doc, cardId, 'Hòa giải xong với Sở Tài chính', await signer());
		await expect
			.poll(
				async () => {
					const row = await server.ctx.db
						.selectFrom('cards')
						.select(['progress', 'result', 'search_text'])
						.where('id', '=', cardId)
						.executeTakeFirst();
					return (
						row?.progress === 65 && row.result === 'Hòa giải xong với Sở Tài chính' && row.search_text.includes('hoa giai xong voi so tai chinh')
					);
				},
				{ timeout: 3000, message: 'projection' }
			)
			.toBe(true);
		c.destroy();
	});
});

/** The signature of the test's user on its edits (the server refuses edits signed by anyone else). */
async function signer() {
	const u = await api<{ user: { id: string; agencyId: string | null } }>(server.url, token, '/api/me');
	return { userId: u.user.id, agencyId: u.user.agencyId };
}
