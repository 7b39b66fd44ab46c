/**
 * The databases a storage test runs on: SQLite in the `sqlite` project, PostgreSQL (a fresh database,
 * dropped on close) in the `postgres` project (see vite.config.ts and test-database.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DB } from '../../../server/db/database.js';
import { createTestDatabase, testDatabaseKind } from './test-database.js';

export interface TestDatabase {
	name: string;
	open(): Promise<{ db: DB; close(): Promise<void> }>;
}

const sqlite: TestDatabase = {
	name: 'SQLite',
	async open() {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-db-'));
		const { db } = await openDatabase(dir);
		return {
			db,
			close: async () => {
				await db.destroy();
				fs.rmSync(dir, { recursive: true, force: true });
			}
		};
	}
};

const postgres: TestDatabase = {
	name: 'PostgreSQL',
	async open() {
		const created = await createTestDatabase();
		const { db } = await openDatabase({ dataDir: os.tmpdir(), databaseUrl: created.url }).catch(async (err: unknown) => {
			await created.drop();
			throw err;
		});
		return {
			db,
			close: async () => {
				await db.destroy();
				await created.drop();
			}
		};
	}
};

export function testDatabases(): TestDatabase[] {
	return [testDatabaseKind() === 'postgres' ? postgres : sqlite];
}
