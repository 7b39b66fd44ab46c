import type { Context } from 'hono';
import type { AppContext, SessionUser } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { declareRoutes } from '../http/declare-routes.js';
import { ControlBody, CurrentItemBody, OpenReviewBody, RecordItemBody, ReorderBody } from '../../src/lib/core/api/reviews.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { requireBoardAccess } from '../snapshots/require-board.js';
import { getSnapshotMeta } from '../snapshots/snapshot-store.js';
import { loadSummaryContext } from '../snapshots/summarize.js';
import { DOCX_TYPE, downloadResponse, fileStem } from '../reports/download.js';
import { closeReview, openReview, recordItem } from './review-actions.js';
import { itemRow, listSessions, loadSession, recordJoin, reorderItems, sessionRow, setController, setCurrentItem } from './review-store.js';

type SessionRow = NonNullable<Awaited<ReturnType<typeof sessionRow>>>;

/**
 * Review sessions: POST /api/boards/:id/reviews {year, quarter, title?} opens one (facilitator, admin);
 * GET /api/boards/:id/reviews lists them; under /api/reviews/:sid: GET (session, agenda, attendees),
 * POST join, PUT order {itemIds}, POST current {itemId} (whoever holds control), POST control
 * {userId} (hand over or take back), POST items/:itemId (record a conclusion), POST close,
 * GET minutes (JSON) and GET minutes.docx.
 */
export function reviewRoutes(ctx: AppContext, sync: SyncServer) {
	const r = declareRoutes('/api');

	async function session(c: Context<AppEnv>): Promise<{ user: SessionUser; s: SessionRow }> {
		const user = requireUser(c);
		const s = await sessionRow(ctx.db, c.req.param('sid') ?? '');
		if (!s) throw new ApiError(404, 'review_not_found');
		await requireBoardAccess(ctx.db, user, s.board_id);
		return { user, s };
	}

	/** The facilitator who opened the session, or the standing office. */
	function mustRun(user: SessionUser, s: SessionRow) {
		if (user.id !== s.facilitator_id && user.role !== 'admin') {
			throw new ApiError(403, 'not_facilitator');
		}
	}

	function mustBeOpen(s: SessionRow) {
		if (s.status !== 'open') throw new ApiError(409, 'closed');
	}

	const view = async (c: Context<AppEnv>, id: string, status: 200 | 201 = 200) => c.json(await loadSession(ctx.db, id), status);

	r.post('/boards/:id/reviews', { who: ['admin', 'facilitator'], body: OpenReviewBody }, async (c, { body }) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		const { year, quarter, title } = body;
		const id = await openReview(ctx.db, sync, boardId, user, { year, quarter, title });
		await recordJoin(ctx.db, id, user.id);
		return view(c, id, 201);
	});

	r.get('/boards/:id/reviews', 'signed-in', async (c) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		return c.json(await listSessions(ctx.db, boardId));
	});

	r.get('/reviews/:sid', 'signed-in', async (c) => {
		const { s } = await session(c);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/join', 'signed-in', async (c) => {
		const { user, s } = await session(c);
		if (s.status === 'open') await recordJoin(ctx.db, s.id, user.id);
		return view(c, s.id);
	});

	r.put('/reviews/:sid/order', { who: 'signed-in', body: ReorderBody }, async (c, { body }) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		if (!(await reorderItems(ctx.db, s.id, body.itemIds))) throw new ApiError(400, 'bad_order');
		return view(c, s.id);
	});

	r.post('/reviews/:sid/current', { who: 'signed-in', body: CurrentItemBody }, async (c, { body }) => {
		const { user, s } = await session(c);
		mustBeOpen(s);
		if (user.id !== s.controller_id) throw new ApiError(403, 'not_in_control');
		const itemId = body.itemId;
		if (!(await itemRow(ctx.db, s.id, itemId))) throw new ApiError(404, 'agenda_item_not_found');
		await setCurrentItem(ctx.db, s.id, itemId);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/control', { who: 'signed-in', body: ControlBody }, async (c, { body }) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		const target = body.userId ?? user.id;
		// Control goes to someone in the meeting (who has joined the session), or back to the caller.
		if (target !== user.id) {
			const joined = await ctx.db
				.selectFrom('review_attendees')
				.innerJoin('users', 'users.id', 'review_attendees.user_id')
				.select('users.id')
				.where('review_attendees.session_id', '=', s.id)
				.where('users.id', '=', target)
				.where('users.active', '=', 1)
				.executeTakeFirst();
			if (!joined) throw new ApiError(400, 'not_attending');
		}
		await setController(ctx.db, s.id, target);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/items/:itemId', { who: 'signed-in', body: RecordItemBody }, async (c, { body }) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		await recordItem(ctx.db, sync, s.id, c.req.param('itemId'), user, body);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/close', 'signed-in', async (c) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		await closeReview(ctx.db, sync, s.id, user);
		return view(c, s.id);
	});

	r.get('/reviews/:sid/minutes', 'signed-in', async (c) => {
		const { s } = await session(c);
		const minutes = (await loadSession(ctx.db, s.id))!;
		const snapshot = s.snapshot_id ? await getSnapshotMeta(ctx.db, s.snapshot_id) : null;
		return c.json({ session: minutes, snapshot });
	});

	r.get('/reviews/:sid/minutes.docx', 'signed-in', async (c) => {
		const { s } = await session(c);
		const minutes = (await loadSession(ctx.db, s.id))!;
		const snapshot = s.snapshot_id ? await getSnapshotMeta(ctx.db, s.snapshot_id) : null;
		const { plan } = await loadSummaryContext(ctx.db, s.board_id);
		const { minutesDocx } = await import('./minutes-docx.js'); // docx loads on first use
		const bytes = await minutesDocx(minutes, plan, snapshot);
		return downloadResponse(bytes, DOCX_TYPE, `bien-ban-${fileStem(minutes.title)}.docx`);
	});

	return r.router;
}
