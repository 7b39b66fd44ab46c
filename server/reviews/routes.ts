import { Hono, type Context } from 'hono';
import type { AppContext, SessionUser } from '../context.js';
import type { AppEnv } from '../app-env.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireRole, requireUser } from '../auth/require.js';
import { requireBoardAccess } from '../snapshots/require-board.js';
import { getSnapshotMeta } from '../snapshots/snapshot-store.js';
import { loadSummaryContext } from '../snapshots/summarize.js';
import { DOCX_TYPE, downloadResponse, fileStem } from '../reports/download.js';
import { closeReview, openReview, recordItem } from './review-actions.js';
import { itemRow, listSessions, loadSession, recordJoin, reorderItems, sessionRow, setController, setCurrentItem } from './review-store.js';
import { parseRecordInput } from './record-input.js';

type SessionRow = NonNullable<Awaited<ReturnType<typeof sessionRow>>>;

/**
 * Review sessions: POST /api/boards/:id/reviews {year, quarter, title?} opens one (facilitator, admin);
 * GET /api/boards/:id/reviews lists them; under /api/reviews/:sid: GET (session, agenda, attendees),
 * POST join, PUT order {itemIds}, POST current {itemId} (whoever holds control), POST control
 * {userId} (hand over or take back), POST items/:itemId (record a conclusion), POST close,
 * GET minutes (JSON) and GET minutes.docx.
 */
export function reviewRoutes(ctx: AppContext, sync: SyncServer) {
	const r = new Hono<AppEnv>();

	async function session(c: Context<AppEnv>): Promise<{ user: SessionUser; s: SessionRow }> {
		const user = requireUser(c);
		const s = await sessionRow(ctx.db, c.req.param('sid') ?? '');
		if (!s) throw new ApiError(404, 'not_found', 'Không tìm thấy phiên rà soát');
		await requireBoardAccess(ctx.db, user, s.board_id);
		return { user, s };
	}

	/** The facilitator who opened the session, or the standing office. */
	function mustRun(user: SessionUser, s: SessionRow) {
		if (user.id !== s.facilitator_id && user.role !== 'admin') {
			throw new ApiError(403, 'not_facilitator', 'Chỉ thư ký điều hành phiên rà soát được thực hiện thao tác này');
		}
	}

	function mustBeOpen(s: SessionRow) {
		if (s.status !== 'open') throw new ApiError(409, 'closed', 'Phiên rà soát đã kết thúc');
	}

	const view = async (c: Context<AppEnv>, id: string, status: 200 | 201 = 200) => c.json(await loadSession(ctx.db, id), status);

	r.post('/boards/:id/reviews', async (c) => {
		const user = requireRole(c, ['admin', 'facilitator']);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		const body = (await c.req.json()) as { year?: unknown; quarter?: unknown; title?: unknown };
		const year = Number(body.year);
		const quarter = Number(body.quarter);
		if (!Number.isInteger(year) || year < 2000 || year > 2100 || ![1, 2, 3, 4].includes(quarter)) {
			throw new ApiError(400, 'bad_quarter', 'Chọn quý (I–IV) và năm của phiên rà soát');
		}
		const title = typeof body.title === 'string' ? body.title.normalize('NFC').slice(0, 200) : undefined;
		const id = await openReview(ctx.db, sync, boardId, user, { year, quarter, title });
		await recordJoin(ctx.db, id, user.id);
		return view(c, id, 201);
	});

	r.get('/boards/:id/reviews', async (c) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		return c.json(await listSessions(ctx.db, boardId));
	});

	r.get('/reviews/:sid', async (c) => {
		const { s } = await session(c);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/join', async (c) => {
		const { user, s } = await session(c);
		if (s.status === 'open') await recordJoin(ctx.db, s.id, user.id);
		return view(c, s.id);
	});

	r.put('/reviews/:sid/order', async (c) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		const body = (await c.req.json()) as { itemIds?: unknown };
		const ids = Array.isArray(body.itemIds) ? body.itemIds.filter((x): x is string => typeof x === 'string') : [];
		if (!(await reorderItems(ctx.db, s.id, ids))) {
			throw new ApiError(400, 'bad_order', 'Thứ tự mới phải gồm đúng các mục của chương trình, mỗi mục một lần');
		}
		return view(c, s.id);
	});

	r.post('/reviews/:sid/current', async (c) => {
		const { user, s } = await session(c);
		mustBeOpen(s);
		if (user.id !== s.controller_id) throw new ApiError(403, 'not_in_control', 'Bạn chưa được thư ký trao quyền điều khiển');
		const body = (await c.req.json()) as { itemId?: unknown };
		const itemId = typeof body.itemId === 'string' ? body.itemId : '';
		if (!(await itemRow(ctx.db, s.id, itemId))) throw new ApiError(404, 'not_found', 'Không tìm thấy mục này trong chương trình');
		await setCurrentItem(ctx.db, s.id, itemId);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/control', async (c) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		const body = (await c.req.json()) as { userId?: unknown };
		const target = typeof body.userId === 'string' ? body.userId : user.id;
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
			if (!joined) throw new ApiError(400, 'not_attending', 'Chỉ trao quyền điều khiển cho người đang tham dự phiên');
		}
		await setController(ctx.db, s.id, target);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/items/:itemId', async (c) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		const input = parseRecordInput((await c.req.json()) as Record<string, unknown>);
		await recordItem(ctx.db, sync, s.id, c.req.param('itemId'), user, input);
		return view(c, s.id);
	});

	r.post('/reviews/:sid/close', async (c) => {
		const { user, s } = await session(c);
		mustRun(user, s);
		mustBeOpen(s);
		await closeReview(ctx.db, sync, s.id, user);
		return view(c, s.id);
	});

	r.get('/reviews/:sid/minutes', async (c) => {
		const { s } = await session(c);
		const minutes = (await loadSession(ctx.db, s.id))!;
		const snapshot = s.snapshot_id ? await getSnapshotMeta(ctx.db, s.snapshot_id) : null;
		return c.json({ session: minutes, snapshot });
	});

	r.get('/reviews/:sid/minutes.docx', async (c) => {
		const { s } = await session(c);
		const minutes = (await loadSession(ctx.db, s.id))!;
		const snapshot = s.snapshot_id ? await getSnapshotMeta(ctx.db, s.snapshot_id) : null;
		const { plan } = await loadSummaryContext(ctx.db, s.board_id);
		const { minutesDocx } = await import('./minutes-docx.js'); // docx loads on first use
		const bytes = await minutesDocx(minutes, plan, snapshot);
		return downloadResponse(bytes, DOCX_TYPE, `bien-ban-${fileStem(minutes.title)}.docx`);
	});

	return r;
}
