import type { Config } from './config.js';
import type { DB } from './db/database.js';
import type SQLite from 'better-sqlite3';
import type { Role } from './db/schema.js';
import type { DialectName } from './db/dialect.js';

/** The signed-in user as every layer sees it (HTTP routes, sync connections, permission rules). */
export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	/** The organization the user works in now; role and agency are the user's there. */
	orgId: string;
	role: Role;
	agencyId: string | null;
	/** Creates organizations and their first administrators. */
	platformAdmin: boolean;
}

/** Services shared by the whole process; built once in server/index.ts and passed down. */
export interface AppContext {
	config: Config;
	db: DB;
	dialect: DialectName;
	/** The raw embedded connection, present on SQLite only (the sync store's synchronous log). */
	sqlite?: SQLite.Database;
}
