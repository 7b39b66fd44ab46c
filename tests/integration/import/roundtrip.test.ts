import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCard, cardsMap, setStatus } from '../../../src/lib/core/board-doc.js';
import type { ReturnPreview } from '../../../server/roundtrip/routes.js';
import type { ApplyOutcome } from '../../../server/roundtrip/apply-returned.js';
import { api, connectBoard, login, synced, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { workbookBytes } from '../../unit/import-xlsx/workbook-builder.js';
import { postJson, upload } from './upload.js';

interface Card {
	id: string;
	code: string;
	status: string;
	progress: number;
	result: string;
	lead: string[];
}

let server: TestServer;
let admin: string;
let boardId: string;
let cards: Card[];
let liminh: string;
let stc: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
	const boards = await api<Array<{ id: string; title: string }>>(server.url, admin, '/api/boards');
	boardId = boards.find((b) => b.title.startsWith('Hoạt động năm 2026 của Ban Chỉ đạo'))!.id;
	cards = (await api<{ cards: Card[] }>(server.url, admin, `/api/boards/${boardId}`)).cards;
	const me = async (user: string) => (await api<{ user: { agencyId: string } }>(server.url, await login(server.url, user), '/api/me')).user.agencyId;
	liminh = await me('lmhtx');
	stc = await me('stc');
});
afterAll(async () => server?.stop());

const ledOnlyBy = (agency: string) => cards.filter((c) => c.lead.length === 1 && c.lead[0] === agency && c.status !== 'done');

/** The board's own export, filled in by an agency in Excel: card id → [status, progress, result]. */
async function filledExport(fill: Map<string, [string | null, number | null, string | null]>): Promise<Uint8Array> {
	const res = await fetch(`${server.url}/api/boards/${boardId}/export.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
	expect(res.status).toBe(200);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
	const ws = wb.worksheets[0];
	let header: unknown[] = [];
	ws.eachRow((row) => {
		if (!header.length && (row.values as unknown[]).includes('Trạng thái')) header = row.values as unknown[];
	});
	const col = (name: string) => header.findIndex((v) => v === name);
	const idCol = ws.columnCount;
	expect(ws.getColumn(idCol).hidden).toBe(true);
	ws.eachRow((row) => {
		const id = String(row.getCell(idCol).value ?? '').replace(/^card:/, '');
		const values = fill.get(id);
		if (!values) return;
		const [status, progress, result] = values;
		if (status !== null) row.getCell(col('Trạng thái')).value = status;
		if (progress !== null) row.getCell(col('Tiến độ (%)')).value = progress;
		if (result !== null) row.getCell(col('Kết quả thực hiện')).value = result;
	});
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('Excel round trip for agencies that do not use the app', () => {
	it('the returned export is previewed card by card (old → new), checked by the live-edit rules for that agency, then applied on its behalf', async () => {
		const [a, b] = ledOnlyBy(liminh);
		const other = ledOnlyBy(stc)[0];
		const bytes = await filledExport(
			new Map([
				[a.id, ['Hoàn thành', null, 'Đã tổ chức 3 lớp tập huấn cho 120 thành viên']],
				[b.id, ['Đang thực hiện', 60, null]],
				[other.id, ['Vướng mắc', null, null]]
			])
		);
		const watcher = connectBoard(server.wsUrl, boardId, await login(server.url, 'stc'));
		await synced(watcher);

		const res = await upload(server.url, admin, '/api/roundtrip/upload', bytes, 'lien-minh-tra-ve.xlsx');
		expect(res.status, await res.clone().text()).toBe(201);
		const preview = (await res.json()) as ReturnPreview;
		expect(preview.board.id).toBe(boardId);
		expect(preview.agency?.id).toBe(liminh);
		const byCard = new Map(preview.changes.map((c) => [c.cardId, c]));
		expect(byCard.get(a.id)).toMatchObject({
			allowed: true,
			changes: [
				{ field: 'status', from: a.status, to: 'done' },
				{ field: 'result', from: '', to: 'Đã tổ chức 3 lớp tập huấn cho 120 thành viên' }
			]
		});
		expect(byCard.get(b.id)).toMatchObject({
			allowed: true,
			changes: [
				{ field: 'status', to: 'doing' },
				{ field: 'progress', from: 0, to: 60 }
			]
		});
		expect(byCard.get(other.id)).toMatchObject({ allowed: false, refusal: { code: 'work_lead_only' } });
		expect(preview.changes).toHaveLength(3);

		const applied = await postJson(server.url, admin, `/api/roundtrip/${preview.draftId}/apply`, { agencyId: liminh });
		expect(applied.status).toBe(200);
		const outcome = (await applied.json()) as ApplyOutcome;
		expect(outcome.applied.map((x) => x.cardId).sort()).toEqual([a.id, b.id].sort());
		expect(outcome.skipped).toEqual([{ cardId: other.id, code: other.code, refusal: { code: 'work_lead_only' } }]);

		const after = new Map((await api<{ cards: Card[] }>(server.url, admin, `/api/boards/${boardId}`)).cards.map((c) => [c.id, c]));
		expect(after.get(a.id)).toMatchObject({ status: 'done', progress: 100, result: 'Đã tổ chức 3 lớp tập huấn cho 120 thành viên' });
		expect(after.get(b.id)).toMatchObject({ status: 'doing', progress: 60 });
		expect(after.get(other.id)?.status).toBe(other.status);
		// Relayed live to people editing the board.
		await waitFor(() => readCard(a.id, cardsMap(watcher.doc).get(a.id)!).status === 'done', 5000, 'live relay');
		watcher.destroy();

		const adminId = (await api<{ user: { id: string } }>(server.url, admin, '/api/me')).user.id;
		const activity = await server.ctx.db
			.selectFrom('activity')
			.select(['card_id', 'user_id', 'field', 'detail'])
			.where('board_id', '=', boardId)
			.where('card_id', 'in', [a.id, b.id])
			.orderBy('id')
			.execute();
		expect(activity.every((r) => r.user_id === adminId)).toBe(true);
		expect(activity.filter((r) => r.field === 'excel_return')).toEqual([
			expect.objectContaining({ detail: 'Liên minh Hợp tác xã thành phố — lien-minh-tra-ve.xlsx' }),
			expect.objectContaining({ detail: 'Liên minh Hợp tác xã thành phố — lien-minh-tra-ve.xlsx' })
		]);
		expect(activity.map((r) => r.field)).toEqual(expect.arrayContaining(['status', 'result', 'progress']));
	});

	it("choosing another agency previews the same file under that agency's rights", async () => {
		const [c] = ledOnlyBy(liminh).slice(2);
		const bytes = await filledExport(new Map([[c.id, [null, 30, null]]]));
		const preview = (await (await upload(server.url, admin, '/api/roundtrip/upload', bytes, 'tra-ve.xlsx')).json()) as ReturnPreview;
		const asStc = (await (await postJson(server.url, admin, `/api/roundtrip/${preview.draftId}/preview`, { agencyId: stc })).json()) as ReturnPreview;
		expect(asStc.agency?.id).toBe(stc);
		expect(asStc.changes).toEqual([expect.objectContaining({ cardId: c.id, allowed: false })]);
		const wrong = await postJson(server.url, admin, `/api/roundtrip/${preview.draftId}/apply`, { agencyId: liminh });
		expect(wrong.status).toBe(200);
		expect(((await wrong.json()) as ApplyOutcome).applied).toEqual([expect.objectContaining({ cardId: c.id, fields: ['progress'] })]);
	});

	it('"apply" sent three times at once applies once: one 200, two 404 draft_not_found, one history entry', async () => {
		const c = ledOnlyBy(liminh)[1]; // at 60 % since the first test
		const bytes = await filledExport(new Map([[c.id, [null, 75, null]]]));
		const preview = (await (await upload(server.url, admin, '/api/roundtrip/upload', bytes, 'ba-lan.xlsx')).json()) as ReturnPreview;
		expect(preview.changes).toEqual([expect.objectContaining({ cardId: c.id, allowed: true })]);
		const answers = await Promise.all(
			[1, 2, 3].map(() => postJson(server.url, admin, `/api/roundtrip/${preview.draftId}/apply`, { agencyId: liminh }))
		);
		expect(answers.map((a) => a.status).sort()).toEqual([200, 404, 404]);
		const entries = await server.ctx.db
			.selectFrom('activity')
			.select('detail')
			.where('card_id', '=', c.id)
			.where('field', '=', 'excel_return')
			.where('detail', 'like', '%ba-lan.xlsx')
			.execute();
		expect(entries).toEqual([{ detail: 'Liên minh Hợp tác xã thành phố — ba-lan.xlsx' }]);
	});

	it('a card changed on the board after the preview is left alone', async () => {
		const [c] = ledOnlyBy(stc).slice(1);
		const bytes = await filledExport(new Map([[c.id, ['Vướng mắc', null, null]]]));
		const preview = (await (await upload(server.url, admin, '/api/roundtrip/upload', bytes, 'tra-ve.xlsx')).json()) as ReturnPreview;
		expect(preview.agency?.id).toBe(stc);
		expect(preview.changes).toEqual([expect.objectContaining({ cardId: c.id, allowed: true })]);
		await server.sync.change(boardId, null, c.id, 'status', (room) => setStatus(room.doc, c.id, 'doing', { userId: 'someone' }));
		const outcome = (await (await postJson(server.url, admin, `/api/roundtrip/${preview.draftId}/apply`, { agencyId: stc })).json()) as ApplyOutcome;
		expect(outcome.applied).toEqual([]);
		expect(outcome.skipped).toEqual([expect.objectContaining({ cardId: c.id, refusal: { code: 'roundtrip_stale' } })]);
	});

	it('while no agency is chosen (two lead the changed cards equally), every change waits for the choice', async () => {
		const pair = [ledOnlyBy(liminh).at(-1)!, ledOnlyBy(stc).at(-1)!];
		const bytes = await filledExport(new Map(pair.map((c) => [c.id, [null, c.progress === 45 ? 46 : 45, null]])));
		const preview = (await (await upload(server.url, admin, '/api/roundtrip/upload', bytes, 'tra-ve.xlsx')).json()) as ReturnPreview;
		expect(preview.agency).toBeNull();
		expect(preview.changes.map((c) => [c.allowed, c.refusal])).toEqual([
			[false, { code: 'roundtrip_choose_agency' }],
			[false, { code: 'roundtrip_choose_agency' }]
		]);
	});

	it('is for the standing office only, and a workbook that is not an export of a board is refused', async () => {
		const bytes = await workbookBytes([
			{
				rows: [
					['STT', 'Trạng thái'],
					[1, 'Hoàn thành']
				]
			}
		]);
		expect((await upload(server.url, await login(server.url, 'lmhtx'), '/api/roundtrip/upload', bytes, 'x.xlsx')).status).toBe(403);
		const res = await upload(server.url, admin, '/api/roundtrip/upload', bytes, 'x.xlsx');
		expect(res.status).toBe(422);
		expect(await res.json()).toEqual({ error: { code: 'no_board', message: expect.stringMatching(/^Không tìm thấy bảng nào có các mã thẻ/) } });
	});
});
