/**
 * The databases a storage test runs on: SQLite always; PostgreSQL too once it answers (see the
 * PostgreSQL project of the test configuration).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DB } from '../../../server/db/database.js';

export interface TestDatabase {
	name: string;
	open(): Promise<{ db: DB; close(): Promise<void> }>;
}

export function testDatabases(): TestDatabase[] {
	return [
		{
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
		}
	];
}
