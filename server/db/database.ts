import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrate.js';

export type DB = Kysely<Database>;

export interface OpenedDatabase {
	db: DB;
	/** The raw connection, for the few synchronous hot paths (the sync update log). */
	sqlite: SQLite.Database;
}

/** Opens (creating if needed) the SQLite database in dataDir, in WAL mode, migrated to the latest schema. */
export async function openDatabase(dataDir: string): Promise<OpenedDatabase> {
	fs.mkdirSync(dataDir, { recursive: true });
	const sqlite = new SQLite(path.join(dataDir, 'phoihop.sqlite'));
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	await migrateToLatest(db);
	return { db, sqlite };
}
