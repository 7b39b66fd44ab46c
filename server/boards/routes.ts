import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { declareRoutes } from '../http/declare-routes.js';
import { ActivityQuery } from '../../src/lib/core/api/boards.js';
import type { SyncServer } from '../sync/sync-server.js';
import { requireUser } from '../auth/require.js';
import { boardAccess, requireBoardAccess } from './access.js';
import { readBoard } from '../../src/lib/core/board-doc.js';
import { todayInVietnam } from './today.js';
import { mergeActivity } from './activity-history.js';

export function boardRoutes(ctx: AppContext, sync: SyncServer) {
	const r = declareRoutes('/api');

	r.get('/me', 'signed-in', async (c) => {
		const user = requireUser(c);
		const agency = user.agencyId
			? await ctx.db.selectFrom('agencies').select(['id', 'name', 'short_name']).where('id', '=', user.agencyId).executeTakeFirst()
			: undefined;
		const organizations = await ctx.db
			.selectFrom('memberships')
			.innerJoin('organizations', 'organizations.id', 'memberships.org_id')
			.select(['organizations.id', 'organizations.slug', 'organizations.name', 'memberships.role'])
			.where('memberships.user_id', '=', user.id)
			.orderBy('organizations.name')
			.execute();
		return c.json({
			user: { ...user, agency: agency ? { id: agency.id, name: agency.name, shortName: agency.short_name } : null },
			// The organization the user works in now, and every one the user may switch to.
			organization: organizations.find((o) => o.id === user.orgId) ?? null,
			organizations,
			// So the browser can refuse an oversized file before sending it.
			limits: { maxUploadBytes: ctx.config.maxUploadBytes }
		});
	});

	r.get('/boards', 'signed-in', async (c) => {
		const user = requireUser(c);
		const boards = await ctx.db
			.selectFrom('boards')
			.innerJoin('plans', 'plans.id', 'boards.plan_id')
			.select([
				'boards.id',
				'boards.title',
				'boards.plan_id as planId',
				'boards.appendix',
				'boards.derived',
				'plans.title as planTitle',
				'plans.number as planNumber',
				'plans.date as planDate'
			])
			.where('boards.org_id', '=', user.orgId)
			.orderBy('plans.created_at')
			.orderBy('boards.created_at')
			.execute();
		const today = todayInVietnam();
		const visible = [];
		for (const b of boards) {
			if ((await boardAccess(ctx.db, user, b.id)) !== 'ok') continue;
			const counts = await ctx.db
				.selectFrom('cards')
				.select((eb) => [
					eb.fn.countAll<number>().as('tasks'),
					eb.fn.sum<number>(sql`case when status = 'done' then 1 else 0 end`).as('done'),
					eb.fn.sum<number>(sql`case when status != 'done' and deadline_due is not null and deadline_due < ${today} then 1 else 0 end`).as('overdue'),
					eb.fn.sum<number>(sql`case when lead_json like ${`%"${user.agencyId ?? '-'}"%`} then 1 else 0 end`).as('mine')
				])
				.where('board_id', '=', b.id)
				.where('archived_at', 'is', null)
				.executeTakeFirstOrThrow();
			visible.push({
				...b,
				derived: !!b.derived,
				counts: { tasks: Number(counts.tasks), done: Number(counts.done ?? 0), overdue: Number(counts.overdue ?? 0), mine: Number(counts.mine ?? 0) }
			});
		}
		return c.json(visible);
	});

	r.get('/boards/:id', 'signed-in', async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		await requireBoardAccess(ctx.db, user, id);
		const board = await ctx.db.selectFrom('boards').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		const data = await sync.rooms.withRoom(id, (room) => readBoard(room.doc));
		return c.json({
			id,
			title: board.title,
			planId: board.plan_id,
			appendix: board.appendix,
			sections: data.sections,
			labels: data.labels,
			cards: data.cards.map((card) => ({
				...card,
				commentCount: card.comments.filter((x) => !x.deleted).length,
				attachmentCount: card.attachments.length
			}))
		});
	});

	r.get('/boards/:id/activity', { who: 'signed-in', query: ActivityQuery }, async (c, { query }) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		await requireBoardAccess(ctx.db, user, id);
		const { limit, cardId } = query;
		let q = ctx.db
			.selectFrom('activity')
			.leftJoin('users', 'users.id', 'activity.user_id')
			.leftJoin('cards', 'cards.id', 'activity.card_id')
			.select([
				'activity.id',
				'activity.card_id as cardId',
				'cards.code as cardCode',
				'activity.field',
				'activity.detail',
				'activity.created_at as at',
				'activity.user_id as userId',
				'users.display_name as userName'
			])
			.where('activity.board_id', '=', id);
		if (cardId) q = q.where('activity.card_id', '=', cardId);
		// Consecutive text edits by one person are one entry (activity-history.ts): read enough rows for `limit` entries.
		const rows = await q
			.orderBy('activity.id', 'desc')
			.limit(Math.min(20_000, limit * 40))
			.execute();
		return c.json(mergeActivity(rows).slice(0, limit));
	});

	return r.router;
}
