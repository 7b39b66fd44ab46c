/**
 * The sync layer assembled: board store, rooms, projection, and the `/sync/board/:boardId` WebSocket
 * route with sign-in on upgrade. A socket lives only as long as its session: ending a session (logout,
 * password change, deactivation) closes its sockets at once, and a sweep closes any whose session
 * has gone by other means (expiry, another node).
 */
import type { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { AppContext, SessionUser } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { SqliteBoardStore } from './sqlite-board-store.js';
import { KyselyBoardStore } from './kysely-board-store.js';
import type { BoardStore } from './board-store.js';
import { ClusterRelay } from './cluster-relay.js';
import { LocalBus, type Bus } from '../cluster/bus.js';
import { Rooms } from './rooms.js';
import { Projection } from './projection.js';
import { Connection } from './connection.js';
import { CloseCode } from './protocol.js';
import type { SessionStore } from '../auth/sessions.js';
import { isDocumentUpdate } from './protocol.js';
import { boardAccess } from '../boards/access.js';
import { isSameOrigin } from '../auth/origin.js';
import type { Room, RoomHooks, StoredRun } from './room.js';

/** How often open sockets are checked against their sessions (ended elsewhere, expired). */
const SESSION_SWEEP_MS = 10_000;

/** How often the directory (agencies, users' agencies) is read again in any case. */
const DIRECTORY_REFRESH_MS = 30_000;

export class SyncServer {
	readonly store: BoardStore;
	readonly rooms: Rooms;
	readonly projection: Projection;
	private connections = new Set<Connection>();
	private collectives = new Set<string>();
	private agencies = new Map<string, string>();
	private agencyOrg = new Map<string, string>();
	private sweepTimer: NodeJS.Timeout;
	private directoryTimer: NodeJS.Timeout;
	/** The agency of each active user (the guard's handler rule reads it synchronously). */
	private userAgencies = new Map<string, string | null>();
	readonly bus: Bus;
	readonly cluster: ClusterRelay | null;

	/**
	 * `outbox`: events derived from accepted updates, stored with them (see RoomHooks.outbox).
	 * `bus`: the other nodes of a cluster (board updates and presence cross over it); none = one node.
	 */
	constructor(
		private ctx: AppContext,
		options: Pick<RoomHooks, 'outbox'> & { bus?: Bus } = {}
	) {
		this.store = ctx.sqlite ? new SqliteBoardStore(ctx.sqlite) : new KyselyBoardStore(ctx.db);
		this.bus = options.bus ?? new LocalBus();
		this.projection = new Projection(this.store);
		let relay: ClusterRelay | null = null;
		this.rooms = new Rooms(
			this.store,
			{ idleMs: ctx.config.roomIdleMs, compactAfter: 200 },
			{
				onChanged: (room, cards) => this.projection.markDirty(room.boardId, room.doc, cards, () => room.lastSeq),
				onUnload: (room) => this.projection.flush(room.boardId),
				outbox: options.outbox,
				// One node: nothing to publish, and nothing computed for it on the write path.
				...(this.bus.clustered
					? {
							stored: (room: Room, run: StoredRun) => relay?.published(room, run),
							presence: (room: Room, update: Uint8Array) => relay?.presence(room, update)
						}
					: {})
			}
		);
		if (this.bus.clustered) {
			relay = new ClusterRelay(this.bus, this.rooms, this.store);
			this.rooms.cluster = relay;
		}
		this.cluster = relay;
		void this.bus.subscribe('directory', (_p, fromSelf) => {
			if (!fromSelf) void this.loadDirectory();
		});
		this.sweepTimer = setInterval(() => void this.sweepSessions(), SESSION_SWEEP_MS).unref();
		this.directoryTimer = setInterval(() => void this.loadDirectory(), DIRECTORY_REFRESH_MS).unref();
	}

	/** Reads the directory; call once before serving. */
	async start(): Promise<void> {
		await this.loadDirectory();
	}

	/**
	 * The agency directory as the guard needs it: which ids exist (lead and support may name only
	 * those), and the collectives ("Các sở, ngành, địa phương"), which count every agency as a supporter;
	 * and the agency of every active user. Other nodes are told to read it again too.
	 */
	async reloadAgencies(): Promise<void> {
		await this.loadDirectory();
		this.bus.publish('directory', new Uint8Array(0));
	}

	/** Reads users' agencies again (after accounts change: created, moved, deactivated). */
	reloadUsers(): Promise<void> {
		return this.reloadAgencies();
	}

	private async loadDirectory(): Promise<void> {
		try {
			const [agencies, users] = await Promise.all([
				this.ctx.db.selectFrom('agencies').select(['id', 'org_id', 'short_name', 'is_collective']).execute(),
				this.ctx.db.selectFrom('users').select(['id', 'agency_id']).where('active', '=', 1).execute()
			]);
			this.agencies = new Map(agencies.map((r) => [r.id, r.short_name]));
			this.agencyOrg = new Map(agencies.map((r) => [r.id, r.org_id]));
			this.collectives = new Set(agencies.filter((r) => Number(r.is_collective) === 1).map((r) => r.id));
			this.userAgencies = new Map(users.map((u) => [u.id, u.agency_id]));
		} catch (err) {
			console.error(`sync: reading the directory failed (${String(err)})`);
		}
	}

	/** The agency of an active user, for the guard's handler rule; undefined for no such user. */
	userAgency = (userId: string): string | null | undefined => this.userAgencies.get(userId);

	isCollective = (agencyId: string) => this.collectives.has(agencyId);
	/** Whether an agency exists in an organization (a board may only name its own organization's agencies). */
	agencyInOrg = (agencyId: string, orgId: string) => this.agencyOrg.get(agencyId) === orgId;

	/** Closes the sockets of ended sessions: one session (logout) or all of a user's. */
	closeSessionConnections(ended: { sessionId?: string; userId?: string }): number {
		let n = 0;
		for (const c of this.connections) {
			if ((ended.sessionId && c.sessionId === ended.sessionId) || (ended.userId && c.userId === ended.userId)) {
				c.close(CloseCode.NotSignedIn, 'session ended');
				n++;
			}
		}
		return n;
	}

	/** Sockets whose session no longer exists or whose account is inactive are closed (4401). */
	private async sweepSessions(): Promise<void> {
		if (this.connections.size === 0) return;
		const ids = [...new Set([...this.connections].map((c) => c.sessionId))];
		try {
			const alive = new Set<string>();
			for (let i = 0; i < ids.length; i += 500) {
				const rows = await this.ctx.db
					.selectFrom('sessions')
					.innerJoin('users', 'users.id', 'sessions.user_id')
					.select('sessions.id')
					.where('sessions.id', 'in', ids.slice(i, i + 500))
					.where('users.active', '=', 1)
					.where('sessions.expires_at', '>', Date.now())
					.execute();
				for (const r of rows) alive.add(r.id);
			}
			for (const c of this.connections) if (!alive.has(c.sessionId)) c.close(CloseCode.NotSignedIn, 'session ended');
		} catch (err) {
			console.error(`sync: session sweep failed (${String(err)})`);
		}
	}

	/** Closes every open connection of a user (deactivated, role or agency changed, signed out everywhere). */
	closeUserConnections(userId: string): number {
		return this.closeSessionConnections({ userId });
	}

	get connectionCount(): number {
		return this.connections.size;
	}

	/** Runs a server-side change on a board document, attributed to a user, and projects it. */
	change(boardId: string, userId: string | null, cardId: string | null, field: string, fn: (room: Room) => void): Promise<void> {
		return this.rooms.withRoom(boardId, (room) => {
			room.applyServerChange(userId, [{ cardId, field, detail: null }], () => fn(room));
			// A change to one card reaches the projection through the room; a board-wide one is marked here.
			if (!cardId) this.projection.markDirty(boardId, room.doc, 'all', () => room.lastSeq);
		});
	}

	route(app: Hono<AppEnv>, upgradeWebSocket: UpgradeWebSocket<any, any, any>, sessions: SessionStore): void {
		app.get(
			'/sync/board/:boardId',
			upgradeWebSocket(async (c) => {
				const boardId = c.req.param('boardId') ?? '';
				const verdict = await this.authorize(c.req.raw.headers, new URL(c.req.url), boardId, sessions);
				let conn: Connection | null = null;
				let room: Room | null = null;
				return {
					onOpen: (_evt: Event, ws: WSContext) => {
						if ('close' in verdict) {
							ws.close(verdict.close, verdict.reason);
							return;
						}
						const { user, sessionId } = verdict;
						conn = new Connection(
							ws,
							user.id,
							sessionId,
							{
								id: user.id,
								name: user.displayName,
								agencyShortName: user.agencyId ? (this.agencies.get(user.agencyId) ?? null) : null
							},
							{
								subject: { id: user.id, role: user.role, agencyId: user.agencyId },
								isCollective: this.isCollective,
								// The board is in the user's organization (boardAccess): its agencies are that organization's.
								agencyExists: (id) => this.agencyInOrg(id, user.orgId),
								userAgency: this.userAgency
							},
							{ maxMessageBytes: this.ctx.config.maxMessageBytes, awarenessPerSecond: 30 }
						);
						this.connections.add(conn);
						const opened = conn;
						// Messages that arrive while the room is read from storage wait in the connection.
						this.rooms.open(boardId).then(
							(r) => {
								if (opened.closed) {
									if (r.peers.size === 0) this.rooms.leave(r, opened);
									return;
								}
								room = r;
								opened.attach(r);
								r.join(opened);
							},
							(err) => {
								console.error(`board ${boardId}: could not be opened (${String(err)})`);
								opened.close(1011, 'board unavailable');
							}
						);
					},
					onMessage: (evt: MessageEvent) => {
						conn?.receive(evt.data);
						// An edit is a use of the session (idle timeout); presence and sync requests are not.
						if (conn && !conn.closed && isDocumentUpdate(evt.data)) void sessions.touch(conn.sessionId).catch(() => {});
					},
					onClose: () => {
						if (conn) {
							conn.closed = true;
							this.connections.delete(conn);
						}
						if (conn && room) {
							try {
								this.rooms.leave(room, conn);
							} catch (err) {
								console.error(`board ${boardId}: leaving failed (${String(err)})`);
							}
						}
					}
				};
			})
		);
	}

	private async authorize(
		headers: Headers,
		url: URL,
		boardId: string,
		sessions: SessionStore
	): Promise<{ user: SessionUser; sessionId: string } | { close: CloseCode; reason: string }> {
		const queryToken = url.searchParams.get('token');
		let token = queryToken;
		if (!token) {
			const origin = headers.get('origin');
			if (origin && !isSameOrigin(origin, headers.get('host'), this.ctx.config.origins)) {
				return { close: CloseCode.Forbidden, reason: 'foreign origin' };
			}
			token = sessions.readCookie(headers.get('cookie') ?? undefined);
		}
		const session = token ? await sessions.validate(token) : null;
		if (!session) return { close: CloseCode.NotSignedIn, reason: 'not signed in' };
		const access = await boardAccess(this.ctx.db, session.user, boardId);
		if (access === 'not-found') return { close: CloseCode.NotFound, reason: 'no such board' };
		if (access === 'forbidden') return { close: CloseCode.Forbidden, reason: 'no access to this board' };
		return { user: session.user, sessionId: session.sessionId };
	}

	/**
	 * Closes every socket (1012 "service restart": clients reconnect, to another node if one is up),
	 * stores what the rooms hold, and writes the projection.
	 */
	async shutdown(): Promise<void> {
		clearInterval(this.sweepTimer);
		clearInterval(this.directoryTimer);
		this.cluster?.stop();
		for (const c of this.connections) c.close(CloseCode.Reload, 'server restarting');
		await this.rooms.closeAll();
		await this.projection.flush();
		this.projection.stop();
	}
}
