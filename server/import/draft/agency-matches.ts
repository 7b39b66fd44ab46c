/**
 * The agencies a plan names, against the agencies the workspace already has: found (by any name
 * it has been seen under, as the importer finds them), or new, with the existing agencies it
 * might be (most words in common) so the admin can merge it instead of creating a near-duplicate.
 */
import { agencyKey, isCollective } from '../../../src/lib/core/agency.js';
import type { DB } from '../../db/database.js';

export type { KnownAgency } from '../../../src/lib/core/api/import.js';
import type { KnownAgency } from '../../../src/lib/core/api/import.js';

export interface AgencyDirectory {
	byId: Map<string, KnownAgency>;
	/** By agencyKey of every alias and name. */
	byKey: Map<string, KnownAgency>;
	all: KnownAgency[];
}

const MAX_SUGGESTIONS = 3;
const MIN_SIMILARITY = 0.5;
/** Words every agency name shares; they say nothing about which agency it is. */
const COMMON_WORDS = new Set(['so', 'thanh', 'pho', 'tinh', 'va', 'cua', 'ban', 'hoi', 'tp', 'viet', 'nam']);

export async function loadAgencyDirectory(db: DB, orgId: string): Promise<AgencyDirectory> {
	const agencies = await db.selectFrom('agencies').select(['id', 'name']).where('org_id', '=', orgId).execute();
	const aliases = await db.selectFrom('agency_aliases').select(['alias_key', 'agency_id']).where('org_id', '=', orgId).execute();
	const byId = new Map(agencies.map((a) => [a.id, { id: a.id, name: a.name }]));
	const byKey = new Map<string, KnownAgency>();
	for (const a of agencies) byKey.set(agencyKey(a.name), byId.get(a.id)!);
	for (const a of aliases) {
		const agency = byId.get(a.agency_id);
		if (agency) byKey.set(a.alias_key, agency);
	}
	return { byId, byKey, all: [...byId.values()] };
}

export function findExisting(dir: AgencyDirectory, name: string): KnownAgency | null {
	return dir.byKey.get(agencyKey(name)) ?? null;
}

/** Existing agencies a new name might be, closest first. */
export function suggestAgencies(dir: AgencyDirectory, name: string): KnownAgency[] {
	const words = meaningfulWords(name);
	const collective = isCollective(name);
	return dir.all
		.filter((a) => isCollective(a.name) === collective)
		.map((a) => ({ agency: a, score: similarity(words, meaningfulWords(a.name)) }))
		.filter((s) => s.score >= MIN_SIMILARITY)
		.sort((x, y) => y.score - x.score || x.agency.name.localeCompare(y.agency.name, 'vi'))
		.slice(0, MAX_SUGGESTIONS)
		.map((s) => s.agency);
}

function meaningfulWords(name: string): Set<string> {
	return new Set(
		agencyKey(name)
			.split(' ')
			.filter((w) => w && !COMMON_WORDS.has(w))
	);
}

/** Dice coefficient of the two word sets. */
function similarity(a: Set<string>, b: Set<string>): number {
	if (!a.size || !b.size) return 0;
	let shared = 0;
	for (const w of a) if (b.has(w)) shared++;
	return (2 * shared) / (a.size + b.size);
}
