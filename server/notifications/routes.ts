/**
 * Notification routes: the live unread count (GET /api/inbox/stream, server-sent events), the
 * preferences (GET/PUT /api/notifications/preferences, signed in or with the signed link of an
 * e-mail) and the one-click switch-off of an e-mail's types (POST /api/notifications/unsubscribe).
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { declareRoutes } from '../http/declare-routes.js';
import { LinkQuery, PreferencesBody } from '../../src/lib/core/api/notifications.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { unreadCount } from '../inbox/inbox-store.js';
import { DELIVERY_MODES, NOTIFICATION_TYPES, isNotificationType, parsePreferencesBody } from './event-types.js';
import { readPreferences, writePreferences } from './preferences.js';
import { verifyLink } from './signed-token.js';
import type { Notifications } from './notifications.js';

const HEARTBEAT_MS = 25_000;

export function notificationRoutes(ctx: AppContext, n: Notifications) {
	const r = declareRoutes('/api');

	/** The signed-in user, or the one a valid preferences link names. */
	const subject = (c: Context<AppEnv>, token: unknown): string => {
		if (token !== undefined && token !== null && token !== '') {
			const claims = verifyLink(n.secret, token, Date.now());
			if (!claims || claims.s !== 'prefs') throw new ApiError(400, 'bad_link');
			return claims.u;
		}
		return requireUser(c).id;
	};

	const describe = async (userId: string) => {
		const row = await ctx.db
			.selectFrom('users')
			.select(['display_name', 'email'])
			.where('id', '=', userId)
			.where('active', '=', 1)
			.executeTakeFirst();
		if (!row) throw new ApiError(404, 'account_not_found');
		return {
			name: row.display_name,
			email: row.email,
			mailEnabled: n.mailEnabled,
			types: NOTIFICATION_TYPES,
			modes: DELIVERY_MODES,
			preferences: await readPreferences(ctx.db, userId)
		};
	};

	// Public routes: the caller is the signed-in user, or the one a valid signed link names (else 401).
	r.get('/notifications/preferences', { who: 'public', query: LinkQuery }, async (c, { query }) => c.json(await describe(subject(c, query.token))));

	r.put('/notifications/preferences', { who: 'public', body: PreferencesBody }, async (c, { body }) => {
		const userId = subject(c, body.token);
		const prefs = parsePreferencesBody(body.preferences);
		if (!prefs) throw new ApiError(400, 'bad_preferences');
		await describe(userId);
		await writePreferences(ctx.db, userId, prefs);
		return c.json(await describe(userId));
	});

	// RFC 8058 one-click: the mail client POSTs the List-Unsubscribe address; the types of that e-mail go off.
	r.post('/notifications/unsubscribe', { who: 'public', query: LinkQuery }, async (c, { query }) => {
		const claims = verifyLink(n.secret, query.token ?? undefined, Date.now());
		if (!claims || claims.s !== 'off') throw new ApiError(400, 'bad_link');
		const types = (claims.t ?? []).filter(isNotificationType);
		await writePreferences(ctx.db, claims.u, Object.fromEntries(types.map((t) => [t, 'none'])));
		return c.json({ ok: true, off: types });
	});

	r.get('/inbox/stream', 'signed-in', async (c) => {
		const user = requireUser(c);
		// Not an EventSource (a script): the count once, as JSON.
		if (!(c.req.header('accept') ?? '').includes('text/event-stream')) return c.json({ unread: await unreadCount(ctx.db, user) });
		return streamSSE(c, async (stream) => {
			let last = -1;
			let pending: NodeJS.Timeout | null = null;
			const push = async () => {
				const unread = await unreadCount(ctx.db, user);
				if (unread === last) return;
				last = unread;
				await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unread }) });
			};
			const stop = n.bus.watch(user.id, user.agencyId, () => {
				pending ??= setTimeout(() => {
					pending = null;
					void push().catch(() => {});
				}, 50);
			});
			const heartbeat = setInterval(() => void stream.write(': ping\n\n').catch(() => {}), HEARTBEAT_MS);
			await push();
			await new Promise<void>((resolve) => stream.onAbort(resolve));
			stop();
			clearInterval(heartbeat);
			if (pending) clearTimeout(pending);
		});
	});

	return r.router;
}
