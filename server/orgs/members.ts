/**
 * The committee's members and the communes each follows (Phụ lục II of a plan: "Phân công thành viên
 * Ban Chỉ đạo theo dõi địa bàn"), for the organization's members page. A member's agency is read from
 * the position ("Phó Giám đốc Sở Tài chính, Ủy viên" → Sở Tài chính): the longest agency name of the
 * organization the position contains, so that a commune leads to that agency's tasks on the boards.
 */
import type { DB } from '../db/database.js';
import { searchKey } from '../../src/lib/core/text.js';
import type { CommitteeMember } from '../../src/lib/core/api/members.js';

export type { CommitteeMember };
export { MEMBER_LIMITS } from '../../src/lib/core/api/members.js';

export async function listMembers(db: DB, orgId: string): Promise<CommitteeMember[]> {
	const rows = await db
		.selectFrom('plan_members')
		.innerJoin('plans', 'plans.id', 'plan_members.plan_id')
		.select([
			'plan_members.id',
			'plan_members.plan_id',
			'plans.title',
			'plan_members.stt',
			'plan_members.name',
			'plan_members.position',
			'plan_members.areas_json'
		])
		.where('plans.org_id', '=', orgId)
		.orderBy('plans.created_at')
		.execute();
	const agencies = (await db.selectFrom('agencies').select(['id', 'name']).where('org_id', '=', orgId).execute())
		.map((a) => ({ id: a.id, key: searchKey(a.name) }))
		.sort((a, b) => b.key.length - a.key.length);
	const agencyOf = (position: string) => {
		const key = searchKey(position);
		return agencies.find((a) => a.key.length > 3 && key.includes(a.key))?.id ?? null;
	};
	return rows
		.map((r) => ({
			id: r.id,
			planId: r.plan_id,
			planTitle: r.title,
			stt: r.stt,
			name: r.name,
			position: r.position,
			areas: JSON.parse(r.areas_json) as string[],
			agencyId: agencyOf(r.position)
		}))
		.sort((a, b) => (a.planId === b.planId ? Number(a.stt) - Number(b.stt) || a.stt.localeCompare(b.stt) : 0));
}

/** A member of one of the organization's plans, or null (another organization's member too). */
export async function findMember(db: DB, orgId: string, id: string) {
	return db
		.selectFrom('plan_members')
		.innerJoin('plans', 'plans.id', 'plan_members.plan_id')
		.select(['plan_members.id'])
		.where('plan_members.id', '=', id)
		.where('plans.org_id', '=', orgId)
		.executeTakeFirst();
}

export async function updateMember(db: DB, id: string, change: { name?: string; position?: string; areas?: string[] }): Promise<void> {
	const set: { name?: string; position?: string; areas_json?: string } = {};
	if (change.name !== undefined) set.name = change.name;
	if (change.position !== undefined) set.position = change.position;
	if (change.areas !== undefined) set.areas_json = JSON.stringify(change.areas);
	if (Object.keys(set).length) await db.updateTable('plan_members').set(set).where('id', '=', id).execute();
}
