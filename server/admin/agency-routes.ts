/** /api/admin/agencies: list and add agencies, merge one into another. */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { DeclaredRouter } from '../auth/access.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { agencyInOrg, cleanAgencyName, createAgency, findAgencyByName, listAgencies } from './agencies.js';
import { mergeAgency } from './agency-merge.js';
import { ADMIN_ONLY } from './admin-only.js';

export function agencyRoutes(r: DeclaredRouter, ctx: AppContext, sync: SyncServer): void {
	r.get('/agencies', ADMIN_ONLY, async (c) => c.json(await listAgencies(ctx.db, requireUser(c).orgId)));

	r.post('/agencies', ADMIN_ONLY, async (c) => {
		const { orgId } = requireUser(c);
		const body = (await c.req.json()) as { name?: unknown; shortName?: unknown };
		const name = typeof body?.name === 'string' ? cleanAgencyName(body.name) : '';
		if (name.length < 2 || name.length > 200) throw new ApiError(400, 'invalid_input', 'Nhập tên đơn vị (2–200 ký tự)');
		const shortName = typeof body.shortName === 'string' ? body.shortName.trim().slice(0, 40) : '';
		if (await findAgencyByName(ctx.db, orgId, name)) throw new ApiError(409, 'agency_exists', `Đơn vị "${name}" đã có trong danh sách`);
		const id = await createAgency(ctx.db, orgId, name, shortName || undefined);
		await sync.reloadAgencies();
		const created = (await listAgencies(ctx.db, orgId)).find((a) => a.id === id);
		return c.json(created, 201);
	});

	r.post('/agencies/:id/merge', ADMIN_ONLY, async (c) => {
		const admin = requireUser(c);
		const fromId = c.req.param('id');
		const body = (await c.req.json()) as { intoId?: unknown };
		const intoId = typeof body?.intoId === 'string' ? body.intoId : '';
		if (!(await agencyInOrg(ctx.db, admin.orgId, fromId))) throw new ApiError(404, 'not_found', 'Không tìm thấy đơn vị');
		if (!intoId || !(await agencyInOrg(ctx.db, admin.orgId, intoId))) throw new ApiError(400, 'invalid_input', 'Chọn đơn vị để gộp vào');
		if (intoId === fromId) throw new ApiError(400, 'same_agency', 'Không thể gộp một đơn vị vào chính nó');
		return c.json({ ok: true, ...(await mergeAgency(ctx, sync, fromId, intoId, admin.id)) });
	});
}
