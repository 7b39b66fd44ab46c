/**
 * Organizations over HTTP.
 * - `POST /api/me/organization {orgId}`: work in another organization the user belongs to (the
 *   user's role and agency become that membership's; the user's open sockets reconnect with them).
 * - `/api/members`: the committee's members and the communes each follows (everyone reads; the
 *   organization's administrators edit).
 * - `/api/platform/…`: platform administrators list and create organizations (each with its first
 *   administrator) and add an existing account to an organization; an organization's admin gets 403.
 */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import { declareRoutes } from '../http/declare-routes.js';
import { requireUser } from '../auth/require.js';
import { ApiError } from '../http-error.js';
import { addMembership, createUser, switchOrganization, usernameTaken } from '../auth/users.js';
import { parseNewUser } from '../auth/user-input.js';
import { ensureAgency } from '../import/persist.js';
import { agencyInOrg } from '../admin/agencies.js';
import { createOrganization, findOrganization, listOrganizations } from './organizations.js';
import { findMember, listMembers, updateMember } from './members.js';
import { NewMembershipBody, NewOrganizationBody, SwitchOrganizationBody } from '../../src/lib/core/api/accounts.js';
import { MemberUpdateBody } from '../../src/lib/core/api/members.js';

export function organizationRoutes(ctx: AppContext, sync: SyncServer) {
	const me = declareRoutes('/api/me');
	me.post('/organization', { who: 'signed-in', body: SwitchOrganizationBody }, async (c, { body }) => {
		const user = requireUser(c);
		const orgId = body.orgId;
		// Not a member (or no such organization): the same 404, so that membership is not probed.
		if (!orgId || !(await switchOrganization(ctx.db, user.id, orgId))) throw new ApiError(404, 'organization_not_found');
		if (orgId !== user.orgId) sync.closeUserConnections(user.id);
		return c.json({ ok: true, orgId });
	});

	const platform = declareRoutes('/api/platform');
	platform.get('/organizations', 'platform-admin', async (c) => {
		return c.json(await listOrganizations(ctx.db));
	});

	platform.post('/organizations', { who: 'platform-admin', body: NewOrganizationBody }, async (c, { body }) => {
		const { slug, name } = body;
		if (await findOrganization(ctx.db, slug)) throw new ApiError(409, 'organization_exists', { slug });
		const admin = parseNewUser({ ...body.admin, role: 'admin', agencyId: 'pending' });
		if (await usernameTaken(ctx.db, admin.username)) throw new ApiError(409, 'username_taken', { username: admin.username });
		// The name of the organization's first agency, written into the database as given (not an interface text).
		const agencyName = body.admin.agency || 'Văn phòng Thường trực';
		const org = await createOrganization(ctx.db, slug, name);
		const agencyId = await ensureAgency(ctx.db, org.id, agencyName);
		await createUser(ctx.db, { ...admin, agencyId, orgId: org.id });
		await sync.reloadAgencies();
		return c.json(org, 201);
	});

	platform.post('/organizations/:id/members', { who: 'platform-admin', body: NewMembershipBody }, async (c, { body }) => {
		const org = await findOrganization(ctx.db, c.req.param('id'));
		if (!org) throw new ApiError(404, 'organization_not_found');
		const { username, role } = body;
		const agencyId = body.agencyId || null;
		if (agencyId && !(await agencyInOrg(ctx.db, org.id, agencyId))) throw new ApiError(400, 'agency_not_in_organization');
		const user = await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
		if (!user) throw new ApiError(404, 'account_not_found');
		await addMembership(ctx.db, user.id, org.id, role, agencyId);
		return c.json({ ok: true }, 201);
	});

	const members = declareRoutes('/api');
	members.get('/members', 'signed-in', async (c) => c.json(await listMembers(ctx.db, requireUser(c).orgId)));
	members.put('/members/:id', { who: ['admin'], body: MemberUpdateBody }, async (c, { body }) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		if (!(await findMember(ctx.db, user.orgId, id))) throw new ApiError(404, 'member_not_found');
		const { name, position, areas } = body;
		await updateMember(ctx.db, id, { name, position, areas });
		return c.json((await listMembers(ctx.db, user.orgId)).find((m) => m.id === id));
	});

	return { me: me.router, platform: platform.router, members: members.router };
}
