/**
 * Work that one node at a time may do (quarter-end snapshots, a board's compaction). On PostgreSQL a
 * transaction-scoped advisory lock: the node that takes it runs the work while its transaction stays
 * open, the others skip; a node that dies mid-way releases it with its connection. On SQLite there is
 * one process, and a lock within it is enough.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.js';

export function isPostgres(db: Kysely<any>): boolean {
	return dialectOf(db) === 'postgres';
}

const local = new Set<string>();

/** Runs `work` if no other node (or caller) is running the job `name` now; null when skipped. */
export async function runExclusive<T>(db: Kysely<any>, name: string, work: () => Promise<T>): Promise<T | null> {
	if (local.has(name)) return null;
	local.add(name);
	try {
		if (!isPostgres(db)) return await work();
		return await db.transaction().execute(async (tx) => {
			const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(hashtext(${name})) as got`.execute(tx);
			if (!rows[0]?.got) return null;
			return work();
		});
	} finally {
		local.delete(name);
	}
}
