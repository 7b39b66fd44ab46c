/**
 * A database made by the first release (the demo workspace of commit 163ed35, with a status change
 * and a comment per board still in the update log, kept gzipped in tests/fixtures) upgrades in place:
 * everything moves into one organization, nothing is lost, and the old log still loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/release-1-demo.sqlite.gz');
let server: TestServer;

beforeAll(async () => {
	const dir = tempDataDir();
	fs.writeFileSync(path.join(dir, 'phoihop.sqlite'), zlib.gunzipSync(fs.readFileSync(FIXTURE)));
	server = await startTestServer({ dataDir: dir });
});
afterAll(async () => server.stop());

describe('upgrading a first-release database', () => {
	it('everything lands in one organization, counted as the fixture holds it', () => {
		const db = server.ctx.sqlite!;
		const count = (sql: string) => db.prepare(sql).pluck().get() as number;
		expect(db.prepare('select slug, name from organizations').all()).toEqual([{ slug: 'mac-dinh', name: 'Tổ chức mặc định' }]);
		// What the fixture was made with: the six demo accounts, 36 agencies, four plans with one board each, four comments.
		expect(count('select count(*) from users')).toBe(6);
		expect(count('select count(*) from memberships')).toBe(6);
		expect(count('select count(*) from agencies')).toBe(36);
		expect(count('select count(*) from boards')).toBe(4);
		expect(count('select count(*) from comments')).toBe(4);
		expect(count("select count(*) from agencies where org_id != 'org-default'")).toBe(0);
		expect(count("select count(*) from plans where org_id is null or org_id != 'org-default'")).toBe(0);
		expect(count('select count(*) from users where platform_admin = 1')).toBe(1); // the old admin
		expect(
			db.prepare("select memberships.role from memberships join users on users.id = memberships.user_id where username = 'stc'").pluck().get()
		).toBe('editor');
		expect(db.prepare('pragma foreign_key_check').all()).toEqual([]);
	});

	it('the old accounts sign in and see the same boards; the log written before the upgrade loads', async () => {
		const token = await login(server.url, 'thuky');
		const boards = await api<{ id: string }[]>(server.url, token, '/api/boards');
		expect(boards).toHaveLength(4);
		for (const b of boards) {
			const board = await api<{ cards: { status: string; comments: { body: string }[] }[] }>(server.url, token, `/api/boards/${b.id}`);
			// Each board's first card was set to "doing" and given a comment by stc before the upgrade.
			expect(board.cards.some((c) => c.status === 'doing' && c.comments.some((m) => m.body === 'Ý kiến lưu trước khi nâng cấp'))).toBe(true);
		}
		const me = await api<{ organization: { slug: string } }>(server.url, token, '/api/me');
		expect(me.organization.slug).toBe('mac-dinh');
	});
});
