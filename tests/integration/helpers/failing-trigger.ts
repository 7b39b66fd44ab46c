/**
 * Makes the database itself refuse some inserts (a trigger that raises), to test what a failed write
 * leaves behind. Written for each database: SQLite's `raise(abort, …)`, PostgreSQL's `raise exception`.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../server/db/dialect.js';

/**
 * Inserts into `table` fail with `message` (only the rows `when` holds for, when given: an SQL
 * condition on `new`). Returns the removal of the trigger.
 */
export async function refuseInserts(
	ctx: { db: Kysely<any>; dialect: DialectName },
	table: string,
	message: string,
	when?: string
): Promise<() => Promise<void>> {
	const { db } = ctx;
	const name = sql.raw(`refuse_${table}`);
	const condition = when ? sql.raw(`when (${when})`) : sql.raw('');
	if (ctx.dialect === 'postgres') {
		await sql`create function ${name}() returns trigger language plpgsql as $$ begin raise exception ${sql.lit(message)}; end $$`.execute(db);
		await sql`create trigger ${name} before insert on ${sql.table(table)} for each row ${condition} execute function ${name}()`.execute(db);
		return async () => {
			await sql`drop trigger ${name} on ${sql.table(table)}`.execute(db);
			await sql`drop function ${name}()`.execute(db);
		};
	}
	await sql`create trigger ${name} before insert on ${sql.table(table)} ${condition} begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
	return async () => void (await sql`drop trigger ${name}`.execute(db));
}
