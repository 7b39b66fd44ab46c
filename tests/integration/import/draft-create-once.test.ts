/**
 * "Tạo bảng" sent twice at once (a double click, two tabs, two nodes of a cluster) creates the plan's
 * boards once: the draft is taken by the first request, the second finds none. A creation that fails
 * gives the draft back, so the admin can try again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { login, queryValue, startTestServer, type TestServer } from '../helpers/server.js';
import { docxBytes, para, planHeading, row, table, TASK_HEADER } from '../../unit/import-docx/docx-builder.js';
import { postJson, upload } from './upload.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
});
afterAll(async () => server?.stop());

const plan = (title: string) =>
	docxBytes([
		...planHeading(title),
		para('Phụ lục I'),
		para('DANH MỤC NHIỆM VỤ'),
		table([
			row(TASK_HEADER, { header: true }),
			row(['I', { text: 'Chỉ đạo', span: 4 }]),
			row(['1', 'Ban hành quy chế', 'Sở Tài chính', '', 'Quý II/2026'])
		])
	]);

const plansTitled = async (title: string) => Number(await queryValue(server, sql`select count(*) from plans where title = ${title}`));

async function draftOf(title: string): Promise<string> {
	const res = await upload(server.url, admin, '/api/import/upload', await plan(title), 'mot-lan.docx');
	expect(res.status, await res.clone().text()).toBe(201);
	return ((await res.json()) as { draftId: string }).draftId;
}

describe('a draft becomes boards once', () => {
	it('five simultaneous "create" requests: one 201, four 404 draft_not_found, one plan', async () => {
		const title = 'Kế hoạch thử bấm tạo bảng nhiều lần cùng lúc';
		const id = await draftOf(title);
		const answers = await Promise.all(Array.from({ length: 5 }, () => postJson(server.url, admin, `/api/import/drafts/${id}/create`)));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses).toEqual([201, 404, 404, 404, 404]);
		for (const a of answers.filter((a) => a.status === 404)) {
			expect(((await a.json()) as { error: { code: string } }).error.code).toBe('draft_not_found');
		}
		expect(await plansTitled(title)).toBe(1);
	});

	it('a creation that fails leaves the draft in place: it can be created afterwards', async () => {
		const title = 'Kế hoạch thử tạo bảng sau một lần hỏng';
		const id = await draftOf(title);
		// Every task dropped: nothing to create, refused without writing.
		const dropped = await postJson(server.url, admin, `/api/import/drafts/${id}/edits`, {
			edits: [{ op: 'dropTask', task: { appendix: 0, section: 0, task: 0 }, dropped: true }]
		});
		expect(dropped.status).toBe(200);
		const refused = await postJson(server.url, admin, `/api/import/drafts/${id}/create`);
		expect(refused.status).toBe(400);
		expect(await plansTitled(title)).toBe(0);
		// The draft is still there: undo the drop and create.
		const undone = await postJson(server.url, admin, `/api/import/drafts/${id}/edits`, {
			edits: [{ op: 'dropTask', task: { appendix: 0, section: 0, task: 0 }, dropped: false }]
		});
		expect(undone.status).toBe(200);
		const created = await postJson(server.url, admin, `/api/import/drafts/${id}/create`);
		expect(created.status, await created.clone().text()).toBe(201);
		expect(await plansTitled(title)).toBe(1);
	});
});
