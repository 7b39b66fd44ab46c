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
	/** A session unused this long ends (OWASP ASVS 4.0.3 §3.3.2, level 2: at most 30 minutes). */
	sessionIdleMs: number;
	/** A session ends this long after sign-in however active it is (ASVS §3.3.2, level 2: 12 hours). */
	sessionMaxAgeMs: number;
	/** Failed sign-ins are counted over this window, per account, per account and address, per address. */
	login: LoginLimits;
}

export interface LoginLimits {
	windowMs: number;
	/** Failures on one account from anywhere (a guesser using many addresses). */
	perAccount: number;
	/** Failures on one account from one address (one guesser; a colleague's typos do not count). */
	perAccountAddress: number;
	/** Failures from one address over all accounts: high, since a whole office may share one NAT address. */
	perAddress: number;
}

/** A positive number from the environment, or the default. */
function positive(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		port: Number(env.PORT ?? 3000),
		host: env.HOST ?? '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR ?? './data'),
		databaseUrl: env.DATABASE_URL || null,
		demo: env.PHOIHOP_DEMO !== '0',
		origins: (env.ORIGIN ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
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
		shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
		sessionIdleMs: positive(env.SESSION_IDLE_MS, 30 * 60_000),
		sessionMaxAgeMs: positive(env.SESSION_MAX_AGE_MS, 12 * 60 * 60_000),
		login: {
			windowMs: positive(env.LOGIN_WINDOW_MS, 15 * 60_000),
			perAccount: positive(env.LOGIN_MAX_FAILURES, 10),
			perAccountAddress: positive(env.LOGIN_MAX_FAILURES_ACCOUNT_ADDRESS, 5),
			perAddress: positive(env.LOGIN_MAX_FAILURES_ADDRESS, 100)
		}
	};
}
