/** /api/admin/users: list and create accounts, reset a password, deactivate and reactivate. */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { SessionStore } from '../auth/sessions.js';
import type { DeclaredRouter } from '../http/declare-routes.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { createUser, findUser, listUsers, setActive, setPassword, usernameTaken } from '../auth/users.js';
import { NewUserBody, PasswordBody } from '../../src/lib/core/api/accounts.js';
import { ADMIN_ONLY } from './admin-only.js';
import { agencyInOrg } from './agencies.js';

const notFound = () => new ApiError(404, 'account_not_found');

export function userRoutes(r: DeclaredRouter, ctx: AppContext, sessions: SessionStore, sync: SyncServer): void {
	r.get('/users', ADMIN_ONLY, async (c) => c.json(await listUsers(ctx.db, requireUser(c).orgId)));

	r.post('/users', { who: ADMIN_ONLY, body: NewUserBody }, async (c, { body }) => {
		const { orgId } = requireUser(c);
		const input = { ...body, orgId };
		if (input.agencyId && !(await agencyInOrg(ctx.db, orgId, input.agencyId))) {
			throw new ApiError(400, 'agency_not_found');
		}
		if (await usernameTaken(ctx.db, input.username)) {
			throw new ApiError(409, 'username_taken', { username: input.username });
		}
		const id = await createUser(ctx.db, input);
		return c.json(await findUser(ctx.db, orgId, id), 201);
	});

	// A reset ends the account's other sessions: a reset usually means the password may be known to someone else.
	r.post('/users/:id/password', { who: ADMIN_ONLY, body: PasswordBody }, async (c, { body }) => {
		const admin = requireUser(c);
		const user = await findUser(ctx.db, admin.orgId, c.req.param('id'));
		if (!user) throw notFound();
		await setPassword(ctx.db, user.id, body.password);
		if (user.id === admin.id) {
			const current = c.get('sessionId');
			const others = await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
			for (const s of others) if (s.id !== current) await sessions.invalidate(s.id);
		} else {
			await sessions.invalidateUser(user.id);
			sync.closeUserConnections(user.id);
		}
		return c.json({ ok: true });
	});

	r.post('/users/:id/deactivate', ADMIN_ONLY, async (c) => {
		const admin = requireUser(c);
		const user = await findUser(ctx.db, admin.orgId, c.req.param('id'));
		if (!user) throw notFound();
		if (user.id === admin.id) throw new ApiError(400, 'self_deactivate');
		await setActive(ctx.db, user.id, false);
		await sessions.invalidateUser(user.id);
		const closedConnections = sync.closeUserConnections(user.id);
		return c.json({ ok: true, closedConnections });
	});

	r.post('/users/:id/reactivate', ADMIN_ONLY, async (c) => {
		const user = await findUser(ctx.db, requireUser(c).orgId, c.req.param('id'));
		if (!user) throw notFound();
		await setActive(ctx.db, user.id, true);
		return c.json({ ok: true });
	});
}
