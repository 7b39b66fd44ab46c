/**
 * /api/admin/quarantine: the updates a board could not load or apply, set aside by the sync server
 * (server/sync/room.ts) with who sent them and why. Administrators read the list and can download
 * an update's bytes to examine it; nothing here puts one back.
 */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { DeclaredRouter } from '../http/declare-routes.js';
import { ApiError } from '../http-error.js';
import { ADMIN_ONLY } from './admin-only.js';
import type { QuarantineRow } from '../../src/lib/core/api/accounts.js';
import { requireUser } from '../auth/require.js';

export function quarantineRoutes(r: DeclaredRouter, ctx: AppContext, sync: SyncServer): void {
	/** The organization's boards, by id: an administrator sees the quarantine of those only. */
	const boardsOf = async (orgId: string) =>
		new Map((await ctx.db.selectFrom('boards').select(['id', 'title']).where('org_id', '=', orgId).execute()).map((b) => [b.id, b.title] as const));

	r.get('/quarantine', ADMIN_ONLY, async (c) => {
		const boards = await boardsOf(requireUser(c).orgId);
		const rows = (await sync.store.listQuarantine()).filter((q) => boards.has(q.boardId));
		const users = new Map((await ctx.db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name] as const));
		const out: QuarantineRow[] = rows.map((q) => ({
			id: q.id,
			boardId: q.boardId,
			boardTitle: boards.get(q.boardId) ?? null,
			updateId: q.updateId,
			userId: q.userId,
			userName: q.userId ? (users.get(q.userId) ?? null) : null,
			cause: q.cause,
			reason: q.reason,
			size: q.size,
			createdAt: q.createdAt
		}));
		return c.json(out);
	});

	r.get('/quarantine/:id/data', ADMIN_ONLY, async (c) => {
		const id = Number(c.req.param('id'));
		const boards = await boardsOf(requireUser(c).orgId);
		const row = Number.isInteger(id) ? await sync.store.quarantinedBytes(id) : null;
		if (!row || !boards.has(row.boardId)) throw new ApiError(404, 'quarantine_not_found');
		return c.body(row.data as Uint8Array<ArrayBuffer>, 200, {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename="quarantine-${id}.yjs"`
		});
	});
}
