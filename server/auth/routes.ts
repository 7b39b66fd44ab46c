import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import type { SessionStore } from './sessions.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { verifyPassword } from './password.js';

export function authRoutes(ctx: AppContext, sessions: SessionStore, _sync: SyncServer) {
	const r = new Hono<AppEnv>();

	r.post('/login', async (c) => {
		const body = (await c.req.json().catch(() => null)) as { username?: unknown; password?: unknown } | null;
		const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
		const password = typeof body?.password === 'string' ? body.password : '';
		if (!username || !password) throw new ApiError(400, 'missing_credentials', 'Nhập tên đăng nhập và mật khẩu');
		const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
		const ok = user && user.active ? await verifyPassword(password, user.password_hash) : false;
		if (!user || !ok) throw new ApiError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
		const { token, cookie } = await sessions.create(user.id);
		c.header('Set-Cookie', cookie);
		return c.json({
			token,
			user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role, agencyId: user.agency_id }
		});
	});

	r.post('/logout', async (c) => {
		const sid = c.get('sessionId');
		if (sid) await sessions.invalidate(sid);
		c.header('Set-Cookie', sessions.blankCookie());
		return c.json({ ok: true });
	});

	return r;
}
