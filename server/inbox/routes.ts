import type { AppContext } from '../context.js';
import { declareRoutes } from '../http/declare-routes.js';
import { MarkReadBody, RemindBody } from '../../src/lib/core/api/inbox.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { requireBoardAccess } from '../snapshots/require-board.js';
import { liveSummary } from '../snapshots/snapshot-store.js';
import { lastReminders, listInbox, markRead, sendMessage, unreadCount } from './inbox-store.js';
import { lateAgencies, reminderText } from './late-agencies.js';
import type { InboxBus } from '../notifications/live.js';
import { localTime } from '../notifications/clock.js';

/**
 * The agency inbox (GET /api/inbox, GET /api/inbox/unread-count, POST /api/inbox/read {ids?}) and the
 * standing office's reminders (GET /api/boards/:id/late-agencies, POST /api/boards/:id/reminders
 * {agencyIds?, confirm?}: one message per late agency, all of them when none are named). The standing
 * office (admin) and the facilitator send reminders; a second reminder to an agency about the same
 * tasks on the same day (Viet Nam time) is answered 409 `already_reminded` unless `confirm` is true.
 */
export function inboxRoutes(ctx: AppContext, sync: SyncServer, bus?: InboxBus) {
	const r = declareRoutes('/api');

	r.get('/inbox', 'signed-in', async (c) => c.json(await listInbox(ctx.db, requireUser(c))));

	r.get('/inbox/unread-count', 'signed-in', async (c) => c.json({ unread: await unreadCount(ctx.db, requireUser(c)) }));

	r.post('/inbox/read', { who: 'signed-in', body: MarkReadBody }, async (c, { body }) => {
		const user = requireUser(c);
		const marked = await markRead(ctx.db, user, body.ids);
		bus?.changed({ userId: user.id });
		return c.json({ marked, unread: await unreadCount(ctx.db, user) });
	});

	r.get('/boards/:id/late-agencies', ['admin', 'facilitator', 'leader'], async (c) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		const summary = await liveSummary(ctx.db, sync, boardId);
		return c.json({ asOf: summary.asOf, agencies: lateAgencies(summary, await lastReminders(ctx.db, boardId)) });
	});

	r.post('/boards/:id/reminders', { who: ['admin', 'facilitator'], body: RemindBody }, async (c, { body }) => {
		const user = requireUser(c);
		const boardId = c.req.param('id');
		await requireBoardAccess(ctx.db, user, boardId);
		const summary = await liveSummary(ctx.db, sync, boardId);
		let late = lateAgencies(summary);
		if (body.agencyIds) {
			const wanted = new Set(body.agencyIds);
			const unknown = [...wanted].filter((id) => !late.some((l) => l.agencyId === id));
			if (unknown.length) throw new ApiError(400, 'not_late');
			late = late.filter((l) => wanted.has(l.agencyId));
		}
		if (body.confirm !== true) {
			const repeated = await remindedToday(boardId, late);
			if (repeated.length) {
				throw new ApiError(409, 'already_reminded', { agencies: repeated.join(', ') });
			}
		}
		const sent = [];
		for (const agency of late) {
			const id = await sendMessage(ctx.db, {
				agencyId: agency.agencyId,
				boardId,
				kind: 'reminder',
				text: reminderText(summary.title, agency, summary.asOf),
				cardIds: agency.tasks.map((t) => t.id),
				senderId: user.id
			});
			sent.push({ id, agencyId: agency.agencyId, tasks: agency.tasks.length });
		}
		return c.json({ sent }, 201);
	});

	/** The agencies already reminded today about exactly these tasks on this board (their names). */
	async function remindedToday(boardId: string, late: ReturnType<typeof lateAgencies>): Promise<string[]> {
		const since = new Date(`${localTime(new Date()).day}T00:00:00+07:00`).toISOString();
		const rows = await ctx.db
			.selectFrom('inbox_messages')
			.select(['agency_id', 'card_ids_json'])
			.where('board_id', '=', boardId)
			.where('kind', '=', 'reminder')
			.where('created_at', '>=', since)
			.execute();
		const key = (ids: string[]) => [...ids].sort().join(',');
		return late
			.filter((a) => rows.some((r) => r.agency_id === a.agencyId && key(JSON.parse(r.card_ids_json) as string[]) === key(a.tasks.map((t) => t.id))))
			.map((a) => a.name);
	}

	return r.router;
}
