/**
 * An import preview says what needs a look as notes: each warning, and where each row is, is a code
 * with its values, never a sentence; the page words it in the interface language. A draft stored
 * before notes had codes (its warnings only Vietnamese text) still opens, its text shown as written.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, PreviewTask } from '../../../src/lib/core/api/import.js';
import type { Note } from '../../../src/lib/core/api/notes.js';
import { isNoteCode, noteMessage } from '../../../src/lib/i18n/notes.js';
import { login, queryValue, startTestServer, type TestServer } from '../helpers/server.js';
import { readSeed, SEED_PLANS } from '../../unit/import/seed-plans.js';
import { postJson, upload } from './upload.js';

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
const tasksOf = (p: ImportPreview): (PreviewTask & { section: string })[] =>
	p.appendices.flatMap((a) => (a.kind === 'tasks' ? a.sections.flatMap((s) => s.tasks.map((t) => ({ ...t, section: s.code }))) : []));

/** A note as the server sends it: a known code, values that are names, numbers or notes, and no sentence. */
function expectNote(n: Note): void {
	expect(Object.keys(n).filter((k) => k !== 'code' && k !== 'params')).toEqual([]);
	expect(isNoteCode(n.code), n.code).toBe(true);
	for (const value of Object.values(n.params ?? {})) {
		if (typeof value === 'object') for (const inner of Array.isArray(value) ? value : [value]) expectNote(inner);
	}
}

describe('import preview notes', () => {
	it('a plan with warnings: every warning and every place is a code with params, worded by the catalogue in either language', async () => {
		const preview = await previewOf(
			await upload(server.url, admin, '/api/import/upload', new TextEncoder().encode(readSeed(SEED_PLANS.canTho2026)), 'ke-hoach.txt')
		);
		expect(preview.kind).toBe('text');
		expect(preview.warnings.length).toBeGreaterThan(0);
		for (const w of preview.warnings) {
			const { line, where, excerpt, ...n } = w;
			expect(typeof excerpt === 'string' || excerpt === null).toBe(true);
			expectNote(n);
			if (where) expectNote(where);
			if (line !== null) expect(where).toEqual({ code: 'where_line', params: { line } });
		}
		expect(preview.warnings).toContainEqual(
			expect.objectContaining({ code: 'plan_no_number', line: 3, where: { code: 'where_line', params: { line: 3 } } })
		);
		expect(JSON.stringify(preview)).not.toMatch(/chưa ghi số|ngắt trang|thiếu số thứ tự/);

		const tasks = tasksOf(preview);
		const joined = tasks.find((t) => t.section === 'II' && t.stt === '12')!;
		expect(joined.warnings).toEqual([{ code: 'plan_task_row_joined', params: { task: 'II.12' } }]);
		for (const t of tasks) t.warnings.forEach(expectNote);
		expect(noteMessage('vi', joined.warnings[0])).toBe('Dòng không có số thứ tự (ngắt trang): đã nối vào nhiệm vụ II.12');
		expect(noteMessage('en', joined.warnings[0])).toBe('A row without a number (page break): joined to task II.12');
		expect(noteMessage('en', joined.where!)).toMatch(/^line \d+$/);
	});

	it('a row fixed by hand is checked again, and what is still wrong comes as codes', async () => {
		const text = readSeed(SEED_PLANS.canTho2026);
		const preview = await previewOf(await upload(server.url, admin, '/api/import/upload', new TextEncoder().encode(text), 'ke-hoach.txt'));
		const fixed = await previewOf(
			await postJson(server.url, admin, `/api/import/drafts/${preview.draftId}/edits`, {
				edits: [
					{ op: 'setCell', task: { appendix: 0, section: 0, task: 0 }, field: 'deadline', value: 'Sau Tết' },
					{ op: 'setCell', task: { appendix: 0, section: 0, task: 1 }, field: 'deadline', value: '' }
				]
			})
		);
		const [first, second] = tasksOf(fixed);
		expect(first.warnings).toEqual([{ code: 'task_deadline_unclear', params: { deadline: 'Sau Tết' } }]);
		expect(second.warnings).toEqual([{ code: 'task_no_deadline' }]);
	});

	it('a draft stored before warnings had codes still opens: its Vietnamese text is shown as written', async () => {
		const preview = await previewOf(
			await upload(server.url, admin, '/api/import/upload', new TextEncoder().encode(readSeed(SEED_PLANS.canTho2026)), 'cu.txt')
		);
		const stored = JSON.parse((await queryValue<string>(server, sql`select value_json from drafts where id = ${preview.draftId}`))!) as {
			parsed: { warnings: Array<{ line: number | null; code?: string; params?: unknown; message: string }> };
		};
		// The shape of before: { line, message }.
		stored.parsed.warnings = stored.parsed.warnings.map(({ line, message }) => ({ line, message }));
		await server.ctx.db
			.updateTable('drafts')
			.set({ value_json: JSON.stringify(stored) })
			.where('id', '=', preview.draftId)
			.execute();
		const reopened = (await (
			await fetch(`${server.url}/api/import/drafts/${preview.draftId}`, { headers: { authorization: `Bearer ${admin}` } })
		).json()) as ImportPreview;
		expect(reopened.warnings).toContainEqual(
			expect.objectContaining({ code: 'text', params: { text: expect.stringContaining('chưa ghi số') }, line: 3 })
		);
	});
});
