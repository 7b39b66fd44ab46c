/**
 * Organizations over HTTP.
 * - `POST /api/me/organization {orgId}`: work in another organization the user belongs to (the
 *   user's role and agency become that membership's; the user's open sockets reconnect with them).
 * - `/api/members`: the committee's members and the communes each follows (everyone reads; the
 *   organization's administrators edit).
 * - `/api/platform/…`: platform administrators list and create organizations (each with its first
 *   administrator) and add an existing account to an organization. Declared for admins; the handler
 *   also requires the platform flag, so an organization's admin gets 403.
 */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { declareRoutes } from '../auth/access.js';
import { requireUser } from '../auth/require.js';
import { ApiError } from '../http-error.js';
import { addMembership, createUser, switchOrganization, usernameTaken } from '../auth/users.js';
import { normalizeUsername } from '../auth/credentials.js';
import { parseNewUser } from '../auth/user-input.js';
import { ensureAgency } from '../import/persist.js';
import { agencyInOrg } from '../admin/agencies.js';
import { createOrganization, findOrganization, listOrganizations, SLUG } from './organizations.js';
import { findMember, listMembers, MEMBER_LIMITS, updateMember } from './members.js';
import { ROLES, type Role } from '../../src/lib/core/permissions.js';

function requirePlatformAdmin(c: Context<AppEnv>) {
	const user = requireUser(c);
	if (!user.platformAdmin) throw new ApiError(403, 'forbidden', 'Chỉ quản trị nền tảng được quản lý các tổ chức');
	return user;
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max + 1) : '');

export function organizationRoutes(ctx: AppContext, sync: SyncServer) {
	const me = declareRoutes('/api/me');
	me.post('/organization', 'signed-in', async (c) => {
		const user = requireUser(c);
		const body = (await c.req.json().catch(() => null)) as { orgId?: unknown } | null;
		const orgId = typeof body?.orgId === 'string' ? body.orgId : '';
		// Not a member (or no such organization): the same 404, so that membership is not probed.
		if (!orgId || !(await switchOrganization(ctx.db, user.id, orgId))) throw new ApiError(404, 'not_found', 'Không tìm thấy tổ chức');
		if (orgId !== user.orgId) sync.closeUserConnections(user.id);
		return c.json({ ok: true, orgId });
	});

	const platform = declareRoutes('/api/platform');
	platform.get('/organizations', ['admin'], async (c) => {
		requirePlatformAdmin(c);
		return c.json(await listOrganizations(ctx.db));
	});

	platform.post('/organizations', ['admin'], async (c) => {
		requirePlatformAdmin(c);
		const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
		const slug = text(body.slug, 40).toLowerCase();
		const name = text(body.name, 200);
		if (!SLUG.test(slug)) throw new ApiError(400, 'invalid_input', 'Mã tổ chức gồm 1–40 chữ thường không dấu, số hoặc gạch ngang');
		if (name.length < 2 || name.length > 200) throw new ApiError(400, 'invalid_input', 'Nhập tên tổ chức (2–200 ký tự)');
		if (await findOrganization(ctx.db, slug)) throw new ApiError(409, 'org_exists', `Đã có tổ chức mã "${slug}"`);
		const admin = parseNewUser({ ...(body.admin as object), role: 'admin', agencyId: 'pending' });
		if (await usernameTaken(ctx.db, admin.username)) throw new ApiError(409, 'username_taken', `Tên đăng nhập "${admin.username}" đã có người dùng`);
		const agencyName = text((body.admin as Record<string, unknown> | undefined)?.agency, 200) || 'Văn phòng Thường trực';
		const org = await createOrganization(ctx.db, slug, name);
		const agencyId = await ensureAgency(ctx.db, org.id, agencyName);
		await createUser(ctx.db, { ...admin, agencyId, orgId: org.id });
		await sync.reloadAgencies();
		return c.json(org, 201);
	});

	platform.post('/organizations/:id/members', ['admin'], async (c) => {
		requirePlatformAdmin(c);
		const org = await findOrganization(ctx.db, c.req.param('id'));
		if (!org) throw new ApiError(404, 'not_found', 'Không tìm thấy tổ chức');
		const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
		const username = typeof body.username === 'string' ? normalizeUsername(body.username) : '';
		const role = body.role as Role;
		if (!ROLES.includes(role)) throw new ApiError(400, 'invalid_input', 'Vai trò không hợp lệ');
		const agencyId = typeof body.agencyId === 'string' && body.agencyId ? body.agencyId : null;
		if (agencyId && !(await agencyInOrg(ctx.db, org.id, agencyId))) throw new ApiError(400, 'invalid_input', 'Đơn vị không thuộc tổ chức này');
		const user = await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
		if (!user) throw new ApiError(404, 'not_found', 'Không tìm thấy tài khoản');
		await addMembership(ctx.db, user.id, org.id, role, agencyId);
		return c.json({ ok: true }, 201);
	});

	const members = declareRoutes('/api');
	members.get('/members', 'signed-in', async (c) => c.json(await listMembers(ctx.db, requireUser(c).orgId)));
	members.put('/members/:id', ['admin'], async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		if (!(await findMember(ctx.db, user.orgId, id))) throw new ApiError(404, 'not_found', 'Không tìm thấy thành viên');
		const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
		const name = body.name === undefined ? undefined : text(body.name, MEMBER_LIMITS.name);
		const position = body.position === undefined ? undefined : text(body.position, MEMBER_LIMITS.position);
		let areas: string[] | undefined;
		if (body.areas !== undefined) {
			if (!Array.isArray(body.areas) || body.areas.length > MEMBER_LIMITS.areas || body.areas.some((a) => typeof a !== 'string')) {
				throw new ApiError(400, 'invalid_input', `Danh sách xã, phường không hợp lệ (tối đa ${MEMBER_LIMITS.areas})`);
			}
			areas = [...new Set((body.areas as string[]).map((a) => text(a, MEMBER_LIMITS.area)).filter(Boolean))];
			if (areas.some((a) => a.length > MEMBER_LIMITS.area)) throw new ApiError(400, 'invalid_input', 'Tên xã, phường quá dài');
		}
		if (name !== undefined && (name.length < 2 || name.length > MEMBER_LIMITS.name)) throw new ApiError(400, 'invalid_input', 'Họ tên không hợp lệ');
		if (position !== undefined && position.length > MEMBER_LIMITS.position) throw new ApiError(400, 'invalid_input', 'Chức vụ quá dài');
		await updateMember(ctx.db, id, { name, position, areas });
		return c.json((await listMembers(ctx.db, user.orgId)).find((m) => m.id === id));
	});

	return { me: me.router, platform: platform.router, members: members.router };
}

