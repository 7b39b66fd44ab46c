/**
 * PostgreSQL for real (the `postgres` project only): the migrations build on an empty database the
 * same tables and columns as on SQLite, with types wide enough for what goes in them; the demo
 * workspace loads; and a backup made with pg_dump, restored with pg_restore into a new database,
 * holds the same workspace (the commands docs/deploy.md gives).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../../server/db/database.js';
import { loadConfig } from '../../../server/config.js';
import type { AppContext } from '../../../server/context.js';
import { cardsMap } from '../../../src/lib/core/board-doc.js';
import { loadDemoWorkspace } from '../../../seeds/demo.js';
import { adminDatabaseUrl, createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { tempDataDir } from '../helpers/server.js';

const TABLES = [
	'organizations',
	'plans',
	'boards',
	'cards',
	'comments',
	'agencies',
	'agency_aliases',
	'users',
	'memberships',
	'board_states',
	'indicators',
	'plan_members'
] as const;

let source: TestDatabase;
let db: DB;
const cleanup: (() => Promise<void>)[] = [];

async function counts(on: DB): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const t of TABLES) out[t] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(on)).rows[0].n);
	return out;
}

/** Every board's stored state, by board id, as a hash of its bytes. */
async function stateHashes(on: DB): Promise<Record<string, string>> {
	const rows = await on.selectFrom('board_states').select(['board_id', 'state']).orderBy('board_id').execute();
	return Object.fromEntries(rows.map((r) => [r.board_id, crypto.createHash('sha256').update(r.state).digest('hex')]));
}

/** Table → sorted column names, as the database describes itself. */
async function columnsOf(on: DB, dialect: 'sqlite' | 'postgres'): Promise<Record<string, string[]>> {
	const rows =
		dialect === 'postgres'
			? (
					await sql<{
						t: string;
						c: string;
					}>`select table_name as t, column_name as c from information_schema.columns where table_schema = 'public'`.execute(on)
				).rows
			: (
					await sql<{
						t: string;
						c: string;
					}>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%'`.execute(
						on
					)
				).rows;
	const out: Record<string, string[]> = {};
	for (const r of rows) (out[r.t] ??= []).push(r.c);
	for (const cols of Object.values(out)) cols.sort();
	return out;
}

beforeAll(async () => {
	source = await createTestDatabase();
	cleanup.push(() => source.drop());
	({ db } = await openDatabase({ dataDir: tempDataDir(), databaseUrl: source.url }));
	cleanup.push(() => db.destroy());
});
afterAll(async () => {
	for (const step of cleanup.reverse()) await step().catch((err: unknown) => console.error(err));
});

describe('PostgreSQL', () => {
	it('the migrations make the same tables and columns as on SQLite', async () => {
		const dir = tempDataDir();
		const sqlite = await openDatabase(dir);
		try {
			const expected = await columnsOf(sqlite.db, 'sqlite');
			expect(Object.keys(expected).length).toBeGreaterThan(30);
			expect(await columnsOf(db, 'postgres')).toEqual(expected);
		} finally {
			await sqlite.db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('a Yjs client id (up to 2³²−1), a time in milliseconds and raw bytes come back as they went in', async () => {
		const org = 'org-types';
		await db.insertInto('organizations').values({ id: org, slug: 'types', name: 'Types', created_at: '' }).execute();
		await db
			.insertInto('users')
			.values({
				id: 'u-types',
				username: 'types',
				display_name: 'T',
				password_hash: 'x',
				org_id: org,
				role: 'viewer',
				agency_id: null,
				active: 1,
				created_at: ''
			})
			.execute();
		const expires = Date.UTC(2099, 0, 1);
		await db.insertInto('sessions').values({ id: 's-types', user_id: 'u-types', expires_at: expires }).execute();
		await db
			.insertInto('board_clients')
			.values({ board_id: 'b-types', client_id: 2 ** 32 - 1, user_id: 'u-types', created_at: '' })
			.execute();
		const bytes = new Uint8Array([0, 255, 1, 128, 0]);
		const { id } = await db
			.insertInto('board_updates')
			.values({ board_id: 'b-types', seq: 1, data: bytes, user_id: null, created_at: '' })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect((await db.selectFrom('sessions').select('expires_at').where('id', '=', 's-types').executeTakeFirstOrThrow()).expires_at).toBe(expires);
		expect((await db.selectFrom('board_clients').select('client_id').executeTakeFirstOrThrow()).client_id).toBe(2 ** 32 - 1);
		const update = await db.selectFrom('board_updates').select(['id', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(typeof update.id).toBe('number');
		expect([...update.data]).toEqual([...bytes]);
		const n = (
			await db
				.selectFrom('board_updates')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n;
		expect(n).toBe(1);
		// Leave the database empty for the demo workspace.
		await db.deleteFrom('board_clients').execute();
		await db.deleteFrom('board_updates').execute();
		await db.deleteFrom('users').where('id', '=', 'u-types').execute();
		await db.deleteFrom('organizations').where('id', '=', org).execute();
	});

	it('the demo workspace loads into an empty database; its boards decode from the stored bytes', async () => {
		const ctx = { config: loadConfig(), db, dialect: 'postgres' } as AppContext;
		expect(await loadDemoWorkspace(ctx)).toMatch(/ba tổ chức/);
		const n = await counts(db);
		expect(n).toMatchObject({ organizations: 3, plans: 4 });
		expect(n.users).toBeGreaterThanOrEqual(16);
		expect(n.boards).toBeGreaterThanOrEqual(4);
		expect(n.board_states).toBe(n.boards);
		for (const b of await db.selectFrom('board_states').select(['board_id', 'state']).execute()) {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, b.state);
			const projected = await db
				.selectFrom('cards')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('board_id', '=', b.board_id)
				.executeTakeFirstOrThrow();
			expect(cardsMap(doc).size).toBe(projected.n);
			doc.destroy();
		}
		// Loading again into a database that has a workspace does nothing.
		expect(await loadDemoWorkspace(ctx)).toBeNull();
	});

	it('pg_dump, then pg_restore into a new database, gives back the same workspace', async () => {
		const before = await counts(db);
		expect(before.cards).toBeGreaterThan(100);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-dump-'));
		cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
		const dump = path.join(dir, 'phoihop.dump');
		execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, source.url], { stdio: 'pipe' });
		expect(fs.statSync(dump).size).toBeGreaterThan(10_000);

		const restoredName = `phoihop_t_${crypto.randomBytes(6).toString('hex')}`;
		execFileSync('createdb', [`--maintenance-db=${adminDatabaseUrl()}`, restoredName], { stdio: 'pipe' });
		cleanup.push(() => dropTestDatabase(restoredName));
		const restoredUrl = new URL(source.url);
		restoredUrl.pathname = `/${restoredName}`;
		execFileSync('pg_restore', ['--no-owner', `--dbname=${restoredUrl}`, dump], { stdio: 'pipe' });

		// Opening it runs the migrations: none is left to run, and the server would start on it as it is.
		const restored = await openDatabase({ dataDir: tempDataDir(), databaseUrl: restoredUrl.toString() });
		try {
			expect(await counts(restored.db)).toEqual(before);
			expect(await stateHashes(restored.db)).toEqual(await stateHashes(db));
			const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(restored.db);
			expect(migrations.rows.map((r) => r.name)).toContain('0009_drafts');
		} finally {
			await restored.db.destroy();
		}
	});
});
