/**
 * The HTTP application: small routers mounted under /api, the sync WebSocket route, and the built
 * SvelteKit app for everything else.
 */
import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from './context.js';
import type { AppEnv } from './app-env.js';
import { ApiError, errorBody, errorLocale } from './http-error.js';
import type { SyncServer } from './sync/sync-server.js';
import type { SessionStore } from './auth/sessions.js';
import { sessionMiddleware } from './auth/session-middleware.js';
import { declareRoutes } from './http/declare-routes.js';
import type { Metrics } from './metrics.js';
import { authRoutes } from './auth/routes.js';
import { sessionRoutes } from './auth/session-routes.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { organizationRoutes } from './orgs/routes.js';
import { jsonBodies } from './http/json-body.js';
import { unreadBodies } from './http/unread-body.js';
import { apiSecurityHeaders, applyPageSecurityHeaders } from './http/security-headers.js';
import { adminRoutes } from './admin/routes.js';
import { boardRoutes } from './boards/routes.js';
import { attachmentRoutes } from './attachments/routes.js';
import { directoryRoutes } from './directory/routes.js';
import { snapshotRoutes } from './snapshots/routes.js';
import { reportRoutes } from './reports/routes.js';
import { reviewRoutes } from './reviews/routes.js';
import { inboxRoutes } from './inbox/routes.js';
import { importRoutes } from './import/routes.js';
import { roundtripRoutes } from './roundtrip/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import type { Notifications } from './notifications/notifications.js';
import type { Readiness } from './readiness.js';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface AppParts {
	ctx: AppContext;
	sync: SyncServer;
	sessions: SessionStore;
	upgradeWebSocket: UpgradeWebSocket<any, any, any>;
	/** The SvelteKit adapter-node handler; absent when the front end is not built (API-only tests). */
	webHandler?: NodeHandler;
	metrics?: Metrics;
	/** Notifications (live unread count, preferences); absent in tests that do not need them. */
	notifications?: Notifications;
	readiness?: Readiness;
}

export function createApp(parts: AppParts): Hono<AppEnv> {
	const { ctx, sync, sessions } = parts;
	const app = new Hono<AppEnv>();

	app.onError((err, c) => {
		const lang = errorLocale(c.req.header('accept-language'));
		if (err instanceof ApiError) {
			for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
			return c.json(errorBody(err.code, err.params, lang, err.details), err.status);
		}
		if (err instanceof SyntaxError) return c.json(errorBody('bad_json', {}, lang), 400);
		console.error('[api]', err);
		return c.json(errorBody('internal', {}, lang), 500);
	});

	const api = new Hono<AppEnv>();
	// First, so that every answer carries them, errors and refusals included.
	api.use('*', apiSecurityHeaders(ctx.config.secureCookies));
	// Last to finish: what a refused request left of its body is read (or its connection closed).
	api.use('*', unreadBodies());
	// Body size and shape first: a huge or malformed body is refused before any sign-in work.
	api.use('*', jsonBodies());
	api.use('*', sessionMiddleware(ctx, sessions));
	const health = declareRoutes('/api');
	health.get('/health', 'public', (c) =>
		c.json({ ok: true, rooms: sync.rooms.size, connections: sync.connectionCount, ...(parts.metrics?.snapshot() ?? {}) })
	);
	health.get('/ready', 'public', async (c) => {
		const report = parts.readiness ? await parts.readiness.report() : { ready: true, database: true, redis: null, draining: false };
		return c.json(report, report.ready ? 200 : 503);
	});
	// Starts a fresh measuring window for the event-loop figures (load tests); admins only.
	health.post('/health/reset', ['admin'], (c) => {
		parts.metrics?.reset();
		return c.json({ ok: true });
	});
	api.route('/', health.router);
	const loginThrottle = new LoginThrottle(ctx.db, ctx.config.login);
	api.route('/auth', authRoutes(ctx, sessions, sync, loginThrottle));
	api.route('/auth', sessionRoutes(ctx, sessions, loginThrottle));
	api.route('/admin', adminRoutes(ctx, sessions, sync));
	const orgs = organizationRoutes(ctx, sync);
	api.route('/me', orgs.me);
	api.route('/platform', orgs.platform);
	api.route('/', orgs.members);
	api.route('/', boardRoutes(ctx, sync));
	api.route('/', attachmentRoutes(ctx, sync));
	api.route('/', directoryRoutes(ctx));
	api.route('/', snapshotRoutes(ctx, sync));
	api.route('/', reportRoutes(ctx, sync));
	api.route('/', reviewRoutes(ctx, sync));
	api.route('/', inboxRoutes(ctx, sync, parts.notifications?.bus));
	if (parts.notifications) api.route('/', notificationRoutes(ctx, parts.notifications));
	api.route('/', importRoutes(ctx, sync));
	api.route('/', roundtripRoutes(ctx, sync));
	api.all('*', (c) => c.json(errorBody('not_found', {}, errorLocale(c.req.header('accept-language'))), 404));
	app.route('/api', api);

	sync.route(app, parts.upgradeWebSocket, sessions);

	const web = parts.webHandler;
	app.all('*', async (c) => {
		if (!web) return c.text('Giao diện chưa được build: chạy "npm run build".', 503);
		const { incoming, outgoing } = c.env;
		applyPageSecurityHeaders(incoming, outgoing, ctx.config.secureCookies);
		await new Promise<void>((resolve) => {
			outgoing.once('finish', resolve);
			outgoing.once('close', resolve);
			web(incoming, outgoing, () => {
				outgoing.statusCode = 404;
				outgoing.end('Not found');
			});
		});
		return RESPONSE_ALREADY_SENT;
	});
	return app;
}
