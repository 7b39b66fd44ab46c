import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, PreviewTask } from '../../../server/import/draft/import-preview.js';
import type { ImportSummary } from '../../../server/import/persist.js';
import { api, login, startTestServer, type TestServer } from '../helpers/server.js';
import { readSeed, SEED_PLANS } from '../../unit/import/seed-plans.js';
import { rebuildAsDocx } from '../../unit/import-docx/plan-rebuild.js';
import { docxBytes, para, planHeading, row, table, TASK_HEADER } from '../../unit/import-docx/docx-builder.js';
import { workbookBytes } from '../../unit/import-xlsx/workbook-builder.js';
import { postJson, rowCounts, upload } from './upload.js';
import { refuseInserts } from '../helpers/failing-trigger.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
});
afterAll(async () => server?.stop());

const previewOf = async (res: Response) => {
	expect(res.status, await res.clone().text()).toBeLessThan(300);
	return (await res.json()) as ImportPreview;
};
const tasksOf = (p: ImportPreview) =>
	p.appendices.flatMap((a) => (a.kind === 'tasks' ? a.sections.flatMap((s) => s.tasks.map((t) => ({ ...t, section: s.code }))) : []));
const taskIn = (p: ImportPreview, section: string, stt: string) =>
	tasksOf(p).find((t) => t.section === section && t.stt === stt) as PreviewTask & { section: string };

/** A small plan naming a misspelt existing agency and one really new agency. */
const smallPlan = () =>
	docxBytes([
		...planHeading('Thí điểm nhập kế hoạch qua giao diện'),
		para('Phụ lục I'),
		para('DANH MỤC NHIỆM VỤ'),
		table([
			row(TASK_HEADER, { header: true }),
			row(['I', { text: 'Chỉ đạo', span: 4 }]),
			row(['1', 'Ban hành quy chế', 'Sở Tài chánh thành phố', 'Trung tâm Khuyến công Cần Thơ', 'Quý II/2026']),
			row(['2', 'Tổ chức hội nghị', 'Sở Tài chính', '', 'Sau Tết']),
			row(['3', 'Việc nhập nhầm', 'Sở Tài chính', '', 'Năm 2026'])
		])
	]);

describe('plan import over HTTP', () => {
	it('is for the standing office only', async () => {
		const res = await upload(server.url, await login(server.url, 'stc'), '/api/import/upload', await smallPlan(), 'k.docx');
		expect(res.status).toBe(403);
	});

	it('a Word plan gives a preview: sections and tasks, deadlines as understood, each warning next to its row', async () => {
		const bytes = await rebuildAsDocx(readSeed(SEED_PLANS.canTho2026), 'as-printed');
		const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', bytes, 'KH-BCD-2026.docx'));
		expect(preview.kind).toBe('docx');
		const tasks = preview.appendices[0];
		expect(tasks.kind === 'tasks' && tasks.sections.map((s) => [s.code, s.tasks.length])).toEqual([
			['I', 7],
			['II', 14],
			['III', 3]
		]);
		expect(preview.appendices[1]).toMatchObject({ kind: 'assignments', members: 17, areas: 103 });
		expect(taskIn(preview, 'I', '5').deadline).toEqual({ raw: 'Quý II/2026', kind: 'quarter', due: '2026-06-30' });
		expect(taskIn(preview, 'II', '12')).toMatchObject({
			where: { code: 'where_table_row', params: { table: 2, row: 13 } },
			warnings: [{ code: 'plan_task_row_joined', params: { task: 'II.12' } }]
		});
		expect(taskIn(preview, 'II', '13').warnings).toEqual([{ code: 'plan_task_number_inferred', params: { task: 'II.13' } }]);
		expect(preview.warnings).toContainEqual(expect.objectContaining({ code: 'plan_no_number', params: { text: expect.any(String) } }));
		expect(preview.counts).toMatchObject({ boards: 1, tasks: 24 });
	});

	it('agencies the workspace does not know are flagged as new, with the existing agency they might be', async () => {
		const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', await smallPlan(), 'thi-diem.docx'));
		const byName = new Map(preview.agencies.map((a) => [a.name, a]));
		expect(byName.get('Sở Tài chính')).toMatchObject({ existing: { name: 'Sở Tài chính' } });
		expect(byName.get('Sở Tài chánh thành phố')).toMatchObject({ existing: null, suggestions: [expect.objectContaining({ name: 'Sở Tài chính' })] });
		expect(byName.get('Trung tâm Khuyến công Cần Thơ')).toMatchObject({ existing: null });
		expect(preview.counts.newAgencies).toBe(2);
		expect(taskIn(preview, 'I', '2').warnings).toEqual([{ code: 'plan_task_deadline_unclear', params: { deadline: 'Sau Tết', task: 'I.2' } }]);
	});

	it('nothing is written before "Tạo bảng"; fixes (a cell, a merge, a dropped row) shape the boards created', async () => {
		const before = await rowCounts(server);
		const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', await smallPlan(), 'thi-diem.docx'));
		const stc = preview.agencies.find((a) => a.name === 'Sở Tài chính')!.existing!;
		const ref = (task: number) => ({ appendix: 0, section: 0, task });
		const fixed = await previewOf(
			await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/edits`, {
				edits: [
					{ op: 'setCell', task: ref(1), field: 'deadline', value: 'Quý I/2026' },
					{ op: 'mergeAgency', name: 'Sở Tài chánh thành phố', agencyId: stc.id },
					{ op: 'dropTask', task: ref(2), dropped: true }
				]
			})
		);
		expect(
			fixed.appendices[0].kind === 'tasks' && fixed.appendices[0].sections[0].tasks.map((t) => [t.stt, t.dropped, t.deadline.kind, t.warnings])
		).toEqual([
			['1', false, 'quarter', []],
			['2', false, 'quarter', []],
			['3', true, 'year', []]
		]);
		expect(fixed.agencies.find((a) => a.name === 'Sở Tài chánh thành phố')?.mergedInto).toEqual(stc);
		expect(fixed.counts).toMatchObject({ tasks: 2, newAgencies: 1 });
		expect(await rowCounts(server)).toEqual(before);

		const res = await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/create`);
		expect(res.status).toBe(201);
		const summary = (await res.json()) as ImportSummary;
		expect(summary.agenciesCreated).toEqual(['Trung tâm Khuyến công Cần Thơ']);
		const board = await api<{ cards: Array<{ code: string; lead: string[]; deadline: { raw: string } }> }>(
			server.url,
			admin,
			`/api/boards/${summary.boards[0].id}`
		);
		expect(board.cards.map((c) => [c.code, c.lead, c.deadline.raw]).sort()).toEqual([
			['I.1', [stc.id], 'Quý II/2026'],
			['I.2', [stc.id], 'Quý I/2026']
		]);
		// The spelling the admin merged is remembered: the next plan that writes it finds Sở Tài chính.
		const again = await previewOf(await upload(server.url, admin, '/api/import/upload', await smallPlan(), 'lan-2.docx'));
		expect(again.agencies.find((a) => a.name === 'Sở Tài chánh thành phố')?.existing).toEqual(stc);
		const gone = await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/create`);
		expect(gone.status).toBe(404);
	});

	it('a list of tasks derived from prose can be marked not wanted; with nothing left, no board is created', async () => {
		const before = await rowCounts(server);
		const bytes = await rebuildAsDocx(readSeed(SEED_PLANS.haNoi2026), 'as-authored');
		const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', bytes, 'ha-noi.docx'));
		expect(preview.appendices[0]).toMatchObject({ kind: 'tasks', derived: true, dropped: false });
		const dropped = await previewOf(
			await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/edits`, {
				edits: [{ op: 'dropAppendix', appendix: 0, dropped: true }]
			})
		);
		expect(dropped.appendices[0]).toMatchObject({ dropped: true });
		expect(dropped.counts).toMatchObject({ boards: 0, tasks: 0 });
		const res = await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/create`);
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: { code: 'nothing_to_create', message: expect.stringMatching(/^Không còn nhiệm vụ nào/) } });
		expect(await rowCounts(server)).toEqual(before);
	});

	it('a failure while creating the boards writes nothing', async () => {
		const before = await rowCounts(server);
		// The database refuses the second card of the board, half-way through the import.
		const removeTrigger = await refuseInserts(server.ctx, 'cards', 'lỗi giả lập', "new.title = 'Tổ chức hội nghị'");
		try {
			const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', await smallPlan(), 'hong.docx'));
			const res = await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/create`);
			expect(res.status).toBe(500);
			expect(await res.json()).toEqual({ error: { code: 'internal', message: expect.any(String) } });
		} finally {
			await removeTrigger();
		}
		expect(await rowCounts(server)).toEqual(before);
	});

	it('an Excel appendix gives a preview like a Word one', async () => {
		const bytes = await workbookBytes([
			{
				rows: [['PHỤ LỤC'], ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn'], [1, 'Việc một', 'Sở Nội vụ', null, 'Quý III/2026']]
			}
		]);
		const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', bytes, 'phu-luc.xlsx'));
		expect(preview.kind).toBe('xlsx');
		expect(taskIn(preview, '', '1')).toMatchObject({
			title: 'Việc một',
			lead: ['Sở Nội vụ'],
			where: { code: 'where_sheet_row', params: { sheet: 'Sheet1', row: 3 } }
		});
		expect(preview.plan.title).toBe('phu luc');
	});

	it('an edit that does not fit the draft is refused, and the draft is unchanged', async () => {
		const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', await smallPlan(), 'k.docx'));
		const bad = await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/edits`, {
			edits: [{ op: 'setCell', task: { appendix: 0, section: 0, task: 99 }, field: 'title', value: 'x' }]
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('Không có dòng nhiệm vụ này');
	});
});
