import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireRole, requireUser } from '../auth/require.js';
import { compareSummaries } from '../../src/lib/review/snapshot-compare.js';
import { requireBoardAccess, requireSnapshotAccess } from './require-board.js';
import { getSnapshotMeta, getSnapshotState, getSnapshotSummary, listSnapshots, liveSummary, takeSnapshot } from './snapshot-store.js';

/**
 * POST /api/boards/:id/snapshots {name} (facilitator, admin), GET /api/boards/:id/snapshots,
 * GET /api/snapshots/:id (meta and summary), GET /api/snapshots/:id/state (the Yjs state),
 * GET /api/snapshots/:id/compare/:otherId (otherId may be "live": the board now).
 */
export function snapshotRoutes(ctx: AppContext, sync: SyncServer) {
	const r = new Hono<AppEnv>();

	r.post('/boards/:id/snapshots', async (c) => {
		const user = requireRole(c, ['admin', 'facilitator']);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		const body = (await c.req.json().catch(() => ({}))) as { name?: unknown };
		const name = typeof body.name === 'string' ? body.name.normalize('NFC') : '';
		const meta = await takeSnapshot(ctx.db, sync, boardId, { name, kind: 'manual', takenBy: user.id });
		return c.json(meta, 201);
	});

	r.get('/boards/:id/snapshots', async (c) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		return c.json(await listSnapshots(ctx.db, boardId));
	});

	r.get('/snapshots/:id', async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		await requireSnapshotAccess(ctx.db, user, id);
		const [meta, summary] = await Promise.all([getSnapshotMeta(ctx.db, id), getSnapshotSummary(ctx.db, id)]);
		return c.json({ ...summary!, ...meta! });
	});

	r.get('/snapshots/:id/state', async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		await requireSnapshotAccess(ctx.db, user, id);
		const state = await getSnapshotState(ctx.db, id);
		return new Response(state as Uint8Array<ArrayBuffer>, {
			headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'private, max-age=31536000, immutable' }
		});
	});

	r.get('/snapshots/:id/compare/:otherId', async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		const otherId = c.req.param('otherId');
		const boardId = await requireSnapshotAccess(ctx.db, user, id);
		const from = (await getSnapshotSummary(ctx.db, id))!;
		let to;
		if (otherId === 'live') to = await liveSummary(ctx.db, sync, boardId);
		else {
			const otherBoard = await requireSnapshotAccess(ctx.db, user, otherId);
			if (otherBoard !== boardId) throw new ApiError(400, 'different_boards', 'Hai ảnh chụp thuộc hai bảng khác nhau');
			to = (await getSnapshotSummary(ctx.db, otherId))!;
		}
		// Compare in the order of time, whichever order the two were asked in.
		const [a, b] = from.takenAt <= to.takenAt ? [from, to] : [to, from];
		return c.json(compareSummaries(a, b));
	});

	return r;
}
