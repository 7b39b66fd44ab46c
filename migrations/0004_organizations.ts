import { sql, type Kysely } from 'kysely';
import { dialectOf, withForeignKeysChecked } from '../server/db/dialect.js';

/**
 * Organizations (a steering committee of a province, a city or a ministry): each has its own agency
 * directory, people, plans and boards. A user may belong to several, with a role and an agency in
 * each (`memberships`); `users.org_id`, `role` and `agency_id` hold the one the user is working in now
 * (switching organizations copies that membership there). `users.platform_admin` marks the people who
 * create organizations.
 *
 * An existing database moves into one organization, "Tổ chức mặc định", with nothing lost; its
 * administrators become platform administrators. Agency names and spellings become unique per
 * organization, which in SQLite means rebuilding those two tables (with foreign keys off meanwhile);
 * PostgreSQL changes their constraints in place.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await withForeignKeysChecked(db, async () => {
		await db.schema
			.createTable('organizations')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('slug', 'text', (c) => c.notNull().unique())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();

		const existing = await sql<{
			n: number;
		}>`select (select count(*) from users) + (select count(*) from agencies) + (select count(*) from plans) as n`.execute(db);
		const defaultOrg = 'org-default';
		if (Number(existing.rows[0].n) > 0) {
			await sql`insert into organizations (id, slug, name, created_at) values (${defaultOrg}, 'mac-dinh', 'Tổ chức mặc định', ${new Date().toISOString()})`.execute(
				db
			);
		}

		if (dialectOf(db) === 'postgres') await agenciesPerOrganizationInPlace(db, defaultOrg);
		else await rebuildAgenciesPerOrganization(db, defaultOrg);
		await sql`create index agencies_org on agencies (org_id, name)`.execute(db);

		for (const table of ['plans', 'boards', 'users']) {
			await sql`alter table ${sql.table(table)} add column org_id text references organizations(id)`.execute(db);
			await sql`update ${sql.table(table)} set org_id = ${defaultOrg}`.execute(db);
		}
		await sql`create index plans_org on plans (org_id)`.execute(db);
		await sql`create index boards_org on boards (org_id)`.execute(db);
		await sql`alter table users add column platform_admin integer not null default 0`.execute(db);
		await sql`update users set platform_admin = 1 where role = 'admin'`.execute(db);

		await db.schema
			.createTable('memberships')
			.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
			.addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
			.addColumn('role', 'text', (c) => c.notNull())
			.addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('memberships_pk', ['user_id', 'org_id'])
			.execute();
		await sql`create index memberships_org on memberships (org_id)`.execute(db);
		await sql`insert into memberships (user_id, org_id, role, agency_id, created_at)
			select id, org_id, role, agency_id, created_at from users`.execute(db);
	});
}

/** SQLite cannot drop a uniqueness constraint: the two agency tables are rebuilt (foreign keys are off). */
async function rebuildAgenciesPerOrganization(db: Kysely<any>, defaultOrg: string): Promise<void> {
	await sql`create table agencies_new (
		id text primary key,
		org_id text not null references organizations(id) on delete cascade,
		name text not null,
		short_name text not null,
		is_collective integer not null default 0,
		created_at text not null,
		unique (org_id, name)
	)`.execute(db);
	await sql`insert into agencies_new (id, org_id, name, short_name, is_collective, created_at)
		select id, ${defaultOrg}, name, short_name, is_collective, created_at from agencies`.execute(db);
	await sql`drop table agencies`.execute(db);
	await sql`alter table agencies_new rename to agencies`.execute(db);

	await sql`create table agency_aliases_new (
		org_id text not null references organizations(id) on delete cascade,
		alias_key text not null,
		alias text not null,
		agency_id text not null references agencies(id) on delete cascade,
		primary key (org_id, alias_key)
	)`.execute(db);
	await sql`insert into agency_aliases_new (org_id, alias_key, alias, agency_id)
		select ${defaultOrg}, alias_key, alias, agency_id from agency_aliases`.execute(db);
	await sql`drop table agency_aliases`.execute(db);
	await sql`alter table agency_aliases_new rename to agency_aliases`.execute(db);
}

/** PostgreSQL: the same end state by altering the two tables (constraint names are PostgreSQL's defaults from 0001). */
async function agenciesPerOrganizationInPlace(db: Kysely<any>, defaultOrg: string): Promise<void> {
	for (const table of ['agencies', 'agency_aliases']) {
		await sql`alter table ${sql.table(table)} add column org_id text references organizations(id) on delete cascade`.execute(db);
		await sql`update ${sql.table(table)} set org_id = ${defaultOrg}`.execute(db);
		await sql`alter table ${sql.table(table)} alter column org_id set not null`.execute(db);
	}
	await sql`alter table agencies drop constraint agencies_name_key`.execute(db);
	await sql`alter table agencies add unique (org_id, name)`.execute(db);
	await sql`alter table agency_aliases drop constraint agency_aliases_pkey`.execute(db);
	await sql`alter table agency_aliases add primary key (org_id, alias_key)`.execute(db);
}
