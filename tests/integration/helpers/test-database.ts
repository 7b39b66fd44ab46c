/**
 * Which database the integration suites run against, and the PostgreSQL databases they make.
 * The `postgres` project of vite.config.ts sets PHOIHOP_TEST_DB=postgres; each test server then gets
 * a fresh database of its own (so that files running in parallel share nothing), dropped when it stops.
 * They are made on the server of PHOIHOP_TEST_DATABASE_URL (CI's database for the run), or of the
 * local default when that is unset.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../../server/db/database.js';

export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
	return process.env.PHOIHOP_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/** The database the test databases are created from (its server, and a database to connect to). */
export function adminDatabaseUrl(): string {
	return process.env.PHOIHOP_TEST_DATABASE_URL || LOCAL_POSTGRES;
}

/** Null when PostgreSQL answers, otherwise why not (one line). */
export async function postgresUnavailable(url = adminDatabaseUrl(), timeoutMs = 2000): Promise<string | null> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
	try {
		await client.connect();
		await client.query('select 1');
		return null;
	} catch (err) {
		return `${redacted(url)} does not answer (${(err as Error).message || (err as { code?: string }).code || String(err)})`;
	} finally {
		await client.end().catch(() => {});
	}
}

function redacted(url: string): string {
	return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:…@');
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminDatabaseUrl() });
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

export interface TestDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

/** A new, empty PostgreSQL database `phoihop_t_<random>` on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const name = `phoihop_t_${crypto.randomBytes(6).toString('hex')}`;
	await withAdmin((c) => c.query(`create database ${name}`));
	const url = new URL(adminDatabaseUrl());
	url.pathname = `/${name}`;
	return {
		name,
		url: url.toString(),
		drop: () => dropTestDatabase(name)
	};
}

export async function dropTestDatabase(name: string): Promise<void> {
	if (!/^phoihop_t_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
	await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/**
 * A migrated database of the project's kind, for suites that use the stores without a server: a SQLite
 * file in a temporary folder, or a fresh PostgreSQL database. `close()` lets go of it and removes it.
 */
export async function openTestDatabase(): Promise<OpenedDatabase & { close(): Promise<void> }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-db-'));
	const pg = testDatabaseKind() === 'postgres' ? await createTestDatabase() : null;
	const opened = await openDatabase({ dataDir: dir, databaseUrl: pg?.url ?? null }).catch(async (err: unknown) => {
		await pg?.drop();
		throw err;
	});
	return {
		...opened,
		async close() {
			await opened.db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
			await pg?.drop();
		}
	};
}
