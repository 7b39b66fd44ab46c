/** Builds and starts the whole process: database, sync, HTTP and WebSocket on one port. */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { loadConfig, type Config } from './config.js';
import { openDatabase, sqliteFile } from './db/database.js';
import { startWalCheckpointer } from './db/wal-checkpointer.js';
import type { AppContext } from './context.js';
import type { AppEnv } from './app-env.js';
import { SyncServer } from './sync/sync-server.js';
import { SessionStore } from './auth/sessions.js';
import { createApp, type NodeHandler } from './app.js';
import { Metrics } from './metrics.js';
import { QuarterEndSnapshots } from './snapshots/quarter-end.js';
import { loadDemoWorkspace } from '../seeds/demo.js';
import { Notifications, notificationOutbox, type NotificationOptions } from './notifications/notifications.js';
import { openBus, type Bus } from './cluster/bus.js';
import { Readiness } from './readiness.js';
import { CloseCode } from './sync/protocol.js';

export interface RunningServer {
	url: string;
	port: number;
	ctx: AppContext;
	sync: SyncServer;
	sessions: SessionStore;
	notifications: Notifications;
	bus: Bus;
	readiness: Readiness;
	/**
	 * Stops the node: not ready any more, no new connections, sockets closed with "reconnect"
	 * (1012), everything held stored, then the database and Redis let go.
	 */
	close(): Promise<void>;
}

async function loadWebHandler(): Promise<NodeHandler | undefined> {
	const file = path.resolve('build/handler.js');
	if (!fs.existsSync(file)) return undefined;
	const mod = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
	return mod.handler;
}

export async function startServer(
	overrides: Partial<Config> = {},
	options: { web?: boolean; quiet?: boolean; notifications?: NotificationOptions } = {}
): Promise<RunningServer> {
	const config = { ...loadConfig(), ...overrides };
	const { db, dialect, sqlite } = await openDatabase(config);
	const ctx: AppContext = { config, db, dialect, sqlite };
	// PostgreSQL checkpoints by itself; the embedded SQLite's log is kept short off the main thread.
	const checkpointer = sqlite ? startWalCheckpointer(sqlite, sqliteFile(config.dataDir)) : null;
	const log = options.quiet ? () => {} : (m: string) => console.log(m);
	if (config.demo) {
		const created = await loadDemoWorkspace(ctx);
		if (created) log(created);
	}
	const bus = openBus(config.redisUrl ?? undefined);
	const sync = new SyncServer(ctx, { outbox: notificationOutbox, bus });
	await sync.start();
	const notifications = new Notifications(ctx, { bus, ...options.notifications });
	await notifications.start();
	const quarterEnd = new QuarterEndSnapshots(db, sync);
	quarterEnd.start();
	const sessions = new SessionStore(db, config.secureCookies, { idleMs: config.sessionIdleMs, maxAgeMs: config.sessionMaxAgeMs });
	// A session ended on any node closes its sockets on every node (the sweep catches a missed message).
	sessions.onEnded((ended) => bus.publish('sessions', Buffer.from(JSON.stringify(ended))));
	await bus.subscribe('sessions', (payload) => {
		try {
			const ended = JSON.parse(Buffer.from(payload).toString('utf8')) as { sessionId?: unknown; userId?: unknown };
			sync.closeSessionConnections({
				sessionId: typeof ended.sessionId === 'string' ? ended.sessionId : undefined,
				userId: typeof ended.userId === 'string' ? ended.userId : undefined
			});
		} catch {
			// Not one of ours: ignored.
		}
	});
	const readiness = new Readiness(db, bus);
	// The WebSocket helper needs the app at upgrade time; a holder app lets us create it first.
	const holder = new Hono<AppEnv>();
	const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app: holder });
	// ws enforces a hard ceiling; messages between the configured limit and it get close code 4413.
	(wss.options as { maxPayload: number }).maxPayload = config.maxMessageBytes * 4;
	const webHandler = options.web === false ? undefined : await loadWebHandler();
	const metrics = new Metrics();
	const app = createApp({ ctx, sync, sessions, upgradeWebSocket, webHandler, metrics, notifications, readiness });
	holder.route('/', app);

	const server: ServerType = await new Promise((resolve) => {
		const s = serve({ fetch: holder.fetch, port: config.port, hostname: config.host }, () => resolve(s));
	});
	injectWebSocket(server);
	const port = (server.address() as AddressInfo).port;
	const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	const url = `http://${shownHost}:${port}`;
	return {
		url,
		port,
		ctx,
		sync,
		sessions,
		notifications,
		bus,
		readiness,
		async close() {
			readiness.draining = true;
			metrics.stop();
			// No new connections; open HTTP requests finish (their sockets close once idle).
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			const http = server as import('node:http').Server;
			http.closeIdleConnections?.();
			await quarterEnd.stop();
			await sync.shutdown();
			await notifications.stop();
			for (const client of wss.clients) client.close(CloseCode.Reload, 'server restarting');
			setTimeout(() => {
				for (const client of wss.clients) client.terminate();
				http.closeAllConnections?.();
			}, 1000).unref();
			await closed;
			await bus.close();
			await checkpointer?.stop();
			await db.destroy();
		}
	};
}
