import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import { ApiError } from '../http-error.js';
import { requireBoardAccess } from '../boards/access.js';

export { requireBoardAccess };

/** A snapshot's board, after checking the user may see that board; 404 for an unknown snapshot. */
export async function requireSnapshotAccess(db: DB, user: SessionUser, snapshotId: string): Promise<string> {
	const row = await db.selectFrom('snapshots').select('board_id').where('id', '=', snapshotId).executeTakeFirst();
	if (!row) throw new ApiError(404, 'snapshot_not_found');
	await requireBoardAccess(db, user, row.board_id);
	return row.board_id;
}
