import type { AppContext } from '../context.js';
import { declareRoutes } from '../http/declare-routes.js';
import { requireUser } from '../auth/require.js';

/** Agencies and people of the user's organization, for chips, comment authors and @-mentions. */
export function directoryRoutes(ctx: AppContext) {
	const r = declareRoutes('/api');

	r.get('/agencies', 'signed-in', async (c) => {
		const user = requireUser(c);
		const rows = await ctx.db
			.selectFrom('agencies')
			.select(['id', 'name', 'short_name', 'is_collective'])
			.where('org_id', '=', user.orgId)
			.orderBy('name')
			.execute();
		return c.json(rows.map((a) => ({ id: a.id, name: a.name, shortName: a.short_name, isCollective: !!a.is_collective })));
	});

	r.get('/people', 'signed-in', async (c) => {
		const user = requireUser(c);
		const rows = await ctx.db
			.selectFrom('memberships')
			.innerJoin('users', 'users.id', 'memberships.user_id')
			.select(['users.id', 'users.display_name', 'memberships.agency_id', 'users.username'])
			.where('memberships.org_id', '=', user.orgId)
			.where('users.active', '=', 1)
			.orderBy('users.display_name')
			.execute();
		return c.json(rows.map((u) => ({ id: u.id, displayName: u.display_name, agencyId: u.agency_id, username: u.username })));
	});

	return r.router;
}
