import type { AppContext } from '../context.js';
import { declareRoutes } from '../http/declare-routes.js';
import { requireUser } from '../auth/require.js';
import { findPeople, parsePeopleQuery } from './people.js';

/** Agencies and people of the user's organization, for chips, comment authors and @-mentions (people.ts). */
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
		const query = parsePeopleQuery({ q: c.req.query('q'), ids: c.req.query('ids'), agency: c.req.query('agency'), limit: c.req.query('limit') });
		return c.json(await findPeople(ctx.db, user.orgId, query));
	});

	return r.router;
}
