import type { AppContext } from '../context.js';
import { declareRoutes } from '../http/declare-routes.js';
import { NewSnapshotBody } from '../../src/lib/core/api/snapshots.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { compareSummaries } from '../../src/lib/review/snapshot-compare.js';
import { requireBoardAccess, requireSnapshotAccess } from './require-board.js';
import { getSnapshotMeta, getSnapshotState, getSnapshotSummary, listSnapshots, liveSummary, takeSnapshot } from './snapshot-store.js';

/**
 * POST /api/boards/:id/snapshots {name} (facilitator, admin), GET /api/boards/:id/snapshots,
 * GET /api/snapshots/:id (meta and summary), GET /api/snapshots/:id/state (the Yjs state),
 * GET /api/snapshots/:id/compare/:otherId (otherId may be "live": the board now).
 */
export function snapshotRoutes(ctx: AppContext, sync: SyncServer) {
	const r = declareRoutes('/api');

	r.post('/boards/:id/snapshots', { who: ['admin', 'facilitator'], body: NewSnapshotBody }, async (c, { body }) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		const name = body.name;
		const meta = await takeSnapshot(ctx.db, sync, boardId, { name, kind: 'manual', takenBy: user.id });
		return c.json(meta, 201);
	});

	r.get('/boards/:id/snapshots', 'signed-in', async (c) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		return c.json(await listSnapshots(ctx.db, boardId));
	});

	r.get('/snapshots/:id', 'signed-in', async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		await requireSnapshotAccess(ctx.db, user, id);
		const [meta, summary] = await Promise.all([getSnapshotMeta(ctx.db, id), getSnapshotSummary(ctx.db, id)]);
		return c.json({ ...summary!, ...meta! });
	});

	r.get('/snapshots/:id/state', 'signed-in', async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		await requireSnapshotAccess(ctx.db, user, id);
		const state = await getSnapshotState(ctx.db, id);
		return new Response(state as Uint8Array<ArrayBuffer>, {
			headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'private, max-age=31536000, immutable' }
		});
	});

	r.get('/snapshots/:id/compare/:otherId', 'signed-in', async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		const otherId = c.req.param('otherId');
		const boardId = await requireSnapshotAccess(ctx.db, user, id);
		const from = (await getSnapshotSummary(ctx.db, id))!;
		let to;
		if (otherId === 'live') to = await liveSummary(ctx.db, sync, boardId);
		else {
			const otherBoard = await requireSnapshotAccess(ctx.db, user, otherId);
			if (otherBoard !== boardId) throw new ApiError(400, 'different_boards');
			to = (await getSnapshotSummary(ctx.db, otherId))!;
		}
		// Compare in the order of time, whichever order the two were asked in.
		const [a, b] = from.takenAt <= to.takenAt ? [from, to] : [to, from];
		return c.json(compareSummaries(a, b));
	});

	return r.router;
}
