import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import { ApiError } from '../http-error.js';

export type BoardAccess = 'ok' | 'not-found' | 'forbidden';

/**
 * Who sees a board: nobody outside its organization (a board of another organization is "not found",
 * so that its existence is not confirmed); inside it, the standing office, facilitators and leaders
 * see every board; agency staff see the boards where their agency leads or supports a task (a
 * collective such as "Các sở, ngành, địa phương" includes every agency).
 */
export async function boardAccess(db: DB, user: SessionUser, boardId: string): Promise<BoardAccess> {
	const board = await db.selectFrom('boards').select('id').where('id', '=', boardId).where('org_id', '=', user.orgId).executeTakeFirst();
	if (!board) return 'not-found';
	if (user.role === 'admin' || user.role === 'facilitator' || user.role === 'leader') return 'ok';
	if (!user.agencyId) return 'forbidden';
	const ids = await involvedAgencyIds(db, boardId);
	if (ids.has(user.agencyId)) return 'ok';
	const collective = await db
		.selectFrom('agencies')
		.select('id')
		.where('is_collective', '=', 1)
		.where('id', 'in', ids.size ? [...ids] : [''])
		.executeTakeFirst();
	return collective ? 'ok' : 'forbidden';
}

async function involvedAgencyIds(db: DB, boardId: string): Promise<Set<string>> {
	const rows = await db.selectFrom('cards').select(['lead_json', 'support_json']).where('board_id', '=', boardId).execute();
	const ids = new Set<string>();
	for (const r of rows) {
		for (const id of JSON.parse(r.lead_json) as string[]) ids.add(id);
		for (const id of JSON.parse(r.support_json) as string[]) ids.add(id);
	}
	return ids;
}

/** A board the user may see, or 404/403 (board, attachment, snapshot, report and review routes). */
export async function requireBoardAccess(db: DB, user: SessionUser, boardId: string): Promise<void> {
	const access = await boardAccess(db, user, boardId);
	if (access === 'not-found') throw new ApiError(404, 'board_not_found');
	if (access === 'forbidden') throw new ApiError(403, 'board_forbidden');
}
