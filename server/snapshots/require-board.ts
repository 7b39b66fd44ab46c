import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import { ApiError } from '../http-error.js';
import { boardAccess } from '../boards/access.js';

/** A board the user may see, or 404/403 (shared by snapshots, dashboards, reports and reviews). */
export async function requireBoardAccess(db: DB, user: SessionUser, boardId: string): Promise<void> {
	const access = await boardAccess(db, user, boardId);
	if (access === 'not-found') throw new ApiError(404, 'not_found', 'Không tìm thấy bảng');
	if (access === 'forbidden') throw new ApiError(403, 'forbidden', 'Bạn không có quyền xem bảng này');
}

/** A snapshot's board, after checking the user may see that board; 404 for an unknown snapshot. */
export async function requireSnapshotAccess(db: DB, user: SessionUser, snapshotId: string): Promise<string> {
	const row = await db.selectFrom('snapshots').select('board_id').where('id', '=', snapshotId).executeTakeFirst();
	if (!row) throw new ApiError(404, 'not_found', 'Không tìm thấy ảnh chụp bảng');
	await requireBoardAccess(db, user, row.board_id);
	return row.board_id;
}
