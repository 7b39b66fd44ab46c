/**
 * Import drafts live in the database, not in one process: with two servers on one database (two nodes
 * of a cluster behind a balancer without sticky sessions), a plan uploaded through one is previewed,
 * fixed and created through the other, by its owner only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../server/import/draft/import-preview.js';
import { startServer, type RunningServer } from '../../../server/server.js';
import { login, startTestServer, type TestServer } from '../helpers/server.js';
import { docxBytes, para, planHeading, row, table, TASK_HEADER } from '../../unit/import-docx/docx-builder.js';
import { postJson, upload } from './upload.js';

let nodeA: TestServer;
let nodeB: RunningServer;

beforeAll(async () => {
	nodeA = await startTestServer();
	const { dataDir, databaseUrl } = nodeA.ctx.config;
	nodeB = await startServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, demo: false }, { web: false, quiet: true });
});
afterAll(async () => {
	await nodeB?.close();
	await nodeA?.stop();
});

const plan = () =>
	docxBytes([
		...planHeading('Kế hoạch thử hai máy chủ'),
		para('Phụ lục I'),
		table([
			row(TASK_HEADER, { header: true }),
			row(['I', { text: 'Chỉ đạo', span: 4 }]),
			row(['1', 'Ban hành quy chế', 'Sở Tài chính', '', 'Quý II/2026']),
			row(['2', 'Tổ chức hội nghị', 'Sở Tài chính', '', 'Sau Tết'])
		])
	]);

const get = (url: string, token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });

describe('import drafts across nodes', () => {
	it('uploaded on one node, fixed and created on the other; another admin never sees it', async () => {
		const admin = await login(nodeA.url, 'admin');
		const uploaded = await upload(nodeA.url, admin, '/api/import/upload', await plan(), 'hai-may.docx');
		expect(uploaded.status).toBe(201);
		const { draftId } = (await uploaded.json()) as ImportPreview;

		const onB = await get(`${nodeB.url}/api/import/drafts/${draftId}`, admin);
		expect(onB.status).toBe(200);
		expect(((await onB.json()) as ImportPreview).counts).toMatchObject({ tasks: 2 });

		// A fix made through B is what A shows next.
		const fix = { op: 'setCell', task: { appendix: 0, section: 0, task: 1 }, field: 'deadline', value: 'Quý III/2026' };
		expect((await postJson(nodeB.url, admin, `/api/import/drafts/${draftId}/edits`, { edits: [fix] })).status).toBe(200);
		const onA = (await (await get(`${nodeA.url}/api/import/drafts/${draftId}`, admin)).json()) as ImportPreview;
		const tasks = onA.appendices[0].kind === 'tasks' ? onA.appendices[0].sections[0].tasks : [];
		expect(tasks.map((t) => t.deadline.raw)).toEqual(['Quý II/2026', 'Quý III/2026']);

		// Only its owner reaches it, on either node.
		const other = await login(nodeB.url, 'hn.admin');
		expect((await get(`${nodeB.url}/api/import/drafts/${draftId}`, other)).status).toBe(404);
		expect((await get(`${nodeA.url}/api/import/drafts/${draftId}`, other)).status).toBe(404);

		expect((await postJson(nodeB.url, admin, `/api/import/drafts/${draftId}/create`)).status).toBe(201);
		// Created once: gone on both nodes.
		expect((await get(`${nodeA.url}/api/import/drafts/${draftId}`, admin)).status).toBe(404);
		expect((await postJson(nodeA.url, admin, `/api/import/drafts/${draftId}/create`)).status).toBe(404);
	});
});
