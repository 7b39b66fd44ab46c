import path from 'node:path';

/** Runtime configuration, read once from the environment. Defaults work on a fresh clone. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** `postgres://…` selects PostgreSQL; null = the embedded SQLite in dataDir. */
	databaseUrl: string | null;
	/** Load the demo workspace into an empty database. */
	demo: boolean;
	/** Public origin(s) accepted for cookie-authenticated requests; empty = same host as the request. */
	origins: string[];
	maxUploadBytes: number;
	/** Largest WebSocket message accepted by the sync server. */
	maxMessageBytes: number;
	/** How long an idle board room stays in memory after its last client leaves. */
	roomIdleMs: number;
	secureCookies: boolean;
	/** Notifications by e-mail (issue 17): unset = in the app only. */
	smtpUrl: string | null;
	/** The sender of notification e-mails. */
	mailFrom: string;
	/** The address links in e-mails point to (default http://localhost:PORT). */
	publicUrl: string;
	/** Events to one person within this window go as one e-mail. */
	mailCoalesceMs: number;
	/** Signs the preference links in e-mails; unset = a secret generated once and kept in the database. */
	notifySecret: string | null;
	/** Cluster mode (issue 14): nodes exchange board updates, presence and events over this Redis. */
	redisUrl: string | null;
	/** On SIGTERM, how long open work may take to finish before the process exits anyway. */
	shutdownGraceMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		port: Number(env.PORT ?? 3000),
		host: env.HOST ?? '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR ?? './data'),
		databaseUrl: env.DATABASE_URL || null,
		demo: env.PHOIHOP_DEMO !== '0',
		origins: (env.ORIGIN ?? '').split(',').map((s) => s.trim()).filter(Boolean),
		maxUploadBytes: Number(env.MAX_UPLOAD_MB ?? 25) * 1024 * 1024,
		maxMessageBytes: Number(env.SYNC_MAX_MESSAGE_KB ?? 2048) * 1024,
		roomIdleMs: Number(env.SYNC_ROOM_IDLE_MS ?? 30_000),
		secureCookies: env.SECURE_COOKIES === '1',
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.MAIL_FROM || '"Phối hợp" <no-reply@phoihop.example>',
		publicUrl: (env.PUBLIC_URL || `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, ''),
		mailCoalesceMs: Number(env.MAIL_COALESCE_MS ?? 5 * 60_000),
		notifySecret: env.NOTIFY_SECRET || null,
		redisUrl: env.REDIS_URL || null,
		shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000)
	};
}
