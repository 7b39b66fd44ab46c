/** The agency list as the administrator sees it, and adding an agency by hand. */
import type { DB } from '../db/database.js';
import { ensureAgency } from '../import/persist.js';
import { agencyKey } from '../../src/lib/core/agency.js';
import { collapseSpaces, nfc } from '../../src/lib/core/text.js';
import type { AdminAgency } from '../../src/lib/core/api/accounts.js';

/** An agency as the administration page lists it: the shape the browser reads (src/lib/core/api). */
export type AgencySummary = AdminAgency;

/** The agencies of one organization. */
export async function listAgencies(db: DB, orgId: string): Promise<AgencySummary[]> {
	const [agencies, aliases, users, cards] = await Promise.all([
		db.selectFrom('agencies').selectAll().where('org_id', '=', orgId).orderBy('name').execute(),
		db.selectFrom('agency_aliases').select(['agency_id', 'alias']).where('org_id', '=', orgId).orderBy('alias').execute(),
		db.selectFrom('memberships').select(['agency_id']).where('org_id', '=', orgId).execute(),
		db
			.selectFrom('cards')
			.innerJoin('boards', 'boards.id', 'cards.board_id')
			.select(['cards.lead_json', 'cards.support_json'])
			.where('boards.org_id', '=', orgId)
			.execute()
	]);
	const cardCount = new Map<string, number>();
	for (const c of cards) {
		const ids = new Set([...(JSON.parse(c.lead_json) as string[]), ...(JSON.parse(c.support_json) as string[])]);
		for (const id of ids) cardCount.set(id, (cardCount.get(id) ?? 0) + 1);
	}
	return agencies.map((a) => ({
		id: a.id,
		name: a.name,
		shortName: a.short_name,
		isCollective: !!a.is_collective,
		aliases: aliases.filter((x) => x.agency_id === a.id && x.alias !== a.name).map((x) => x.alias),
		userCount: users.filter((u) => u.agency_id === a.id).length,
		cardCount: cardCount.get(a.id) ?? 0
	}));
}

export function cleanAgencyName(name: string): string {
	return collapseSpaces(nfc(name).replace(/\s+/g, ' ')).trim();
}

/** The agency of an organization already known under this name or one of its spellings, if any. */
export async function findAgencyByName(db: DB, orgId: string, name: string): Promise<string | null> {
	const byAlias = await db
		.selectFrom('agency_aliases')
		.select('agency_id')
		.where('org_id', '=', orgId)
		.where('alias_key', '=', agencyKey(name))
		.executeTakeFirst();
	if (byAlias) return byAlias.agency_id;
	const byName = await db.selectFrom('agencies').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
	return byName?.id ?? null;
}

/** Whether an agency belongs to an organization (an id from elsewhere is treated as unknown). */
export async function agencyInOrg(db: DB, orgId: string, agencyId: string): Promise<boolean> {
	return !!(await db.selectFrom('agencies').select('id').where('id', '=', agencyId).where('org_id', '=', orgId).executeTakeFirst());
}

export async function createAgency(db: DB, orgId: string, name: string, shortName?: string): Promise<string> {
	const id = await ensureAgency(db, orgId, name);
	if (shortName) await db.updateTable('agencies').set({ short_name: shortName }).where('id', '=', id).execute();
	return id;
}
