import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { PostgresTextPlugin, type DialectName } from './dialect.js';
import { migrateToLatest } from './migrate.js';

export type DB = Kysely<Database>;

export interface OpenedDatabase {
	db: DB;
	dialect: DialectName;
	/** The raw embedded connection (SQLite only), for the few synchronous hot paths (the sync update log). */
	sqlite?: SQLite.Database;
}

export interface DatabaseConfig {
	/** Where the embedded SQLite file lives. */
	dataDir: string;
	/** `postgres://…`: PostgreSQL instead of the embedded SQLite. */
	databaseUrl?: string | null;
}

/** The SQLite file of a data folder. */
export function sqliteFile(dataDir: string): string {
	return path.join(dataDir, 'phoihop.sqlite');
}

// PostgreSQL sends 64-bit integers (count(*), sum(), bigint columns) and numerics as strings, since
// they may not fit a JavaScript number. Ours are counts, milliseconds and log ids, far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Opens the database, migrated to the latest schema: PostgreSQL when `databaseUrl` is set, otherwise
 * (creating it if needed) the SQLite file in dataDir, in WAL mode. A bare string is a data folder
 * (always SQLite).
 */
export async function openDatabase(dataDir: string): Promise<OpenedDatabase & { sqlite: SQLite.Database }>;
export async function openDatabase(config: DatabaseConfig): Promise<OpenedDatabase>;
export async function openDatabase(config: DatabaseConfig | string): Promise<OpenedDatabase> {
	const { dataDir, databaseUrl } = typeof config === 'string' ? { dataDir: config, databaseUrl: null } : config;
	const opened = databaseUrl ? openPostgres(databaseUrl) : openSqlite(dataDir);
	try {
		await migrateToLatest(opened.db);
	} catch (err) {
		await opened.db.destroy();
		throw err;
	}
	return opened;
}

function openSqlite(dataDir: string): OpenedDatabase {
	fs.mkdirSync(dataDir, { recursive: true });
	const sqlite = new SQLite(sqliteFile(dataDir));
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	return { db, dialect: 'sqlite', sqlite };
}

function openPostgres(url: string): OpenedDatabase {
	const pool = new pg.Pool({ connectionString: url, max: 10 });
	// An idle client that loses its connection (a database restart) must not take the process down.
	pool.on('error', (err) => console.error(`PostgreSQL: ${err.message}`));
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new PostgresTextPlugin()] });
	return { db, dialect: 'postgres' };
}
