/** /api/admin/agencies: list and add agencies, merge one into another. */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { DeclaredRouter } from '../http/declare-routes.js';
import { MergeAgencyBody, NewAgencyBody } from '../../src/lib/core/api/accounts.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { agencyInOrg, cleanAgencyName, createAgency, findAgencyByName, listAgencies } from './agencies.js';
import { mergeAgency } from './agency-merge.js';
import { ADMIN_ONLY } from './admin-only.js';

export function agencyRoutes(r: DeclaredRouter, ctx: AppContext, sync: SyncServer): void {
	r.get('/agencies', ADMIN_ONLY, async (c) => c.json(await listAgencies(ctx.db, requireUser(c).orgId)));

	r.post('/agencies', { who: ADMIN_ONLY, body: NewAgencyBody }, async (c, { body }) => {
		const { orgId } = requireUser(c);
		const name = cleanAgencyName(body.name);
		const shortName = body.shortName;
		if (await findAgencyByName(ctx.db, orgId, name)) throw new ApiError(409, 'agency_exists', { name });
		const id = await createAgency(ctx.db, orgId, name, shortName || undefined);
		await sync.reloadAgencies();
		const created = (await listAgencies(ctx.db, orgId)).find((a) => a.id === id);
		return c.json(created, 201);
	});

	r.post('/agencies/:id/merge', { who: ADMIN_ONLY, body: MergeAgencyBody }, async (c, { body }) => {
		const admin = requireUser(c);
		const fromId = c.req.param('id');
		const intoId = body.intoId;
		if (!(await agencyInOrg(ctx.db, admin.orgId, fromId))) throw new ApiError(404, 'agency_not_found');
		if (!(await agencyInOrg(ctx.db, admin.orgId, intoId))) throw new ApiError(400, 'merge_target_required');
		if (intoId === fromId) throw new ApiError(400, 'same_agency');
		return c.json({ ok: true, ...(await mergeAgency(ctx, sync, fromId, intoId, admin.id)) });
	});
}
