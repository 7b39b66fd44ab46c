/**
 * The sync layer assembled: update log, rooms, projection, and the `/sync/board/:boardId` WebSocket
 * route with sign-in on upgrade.
 */
import type { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { AppContext, SessionUser } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { UpdateLog } from './update-log.js';
import { Rooms } from './rooms.js';
import { Projection } from './projection.js';
import { Connection } from './connection.js';
import { CloseCode } from './protocol.js';
import type { SessionStore } from '../auth/sessions.js';
import { boardAccess } from '../boards/access.js';
import { isSameOrigin } from '../auth/origin.js';
import type { Room } from './room.js';

export class SyncServer {
	readonly log: UpdateLog;
	readonly rooms: Rooms;
	readonly projection: Projection;
	private connections = new Set<Connection>();
	private collectives = new Set<string>();

	constructor(private ctx: AppContext) {
		this.log = new UpdateLog(ctx.sqlite);
		this.projection = new Projection(ctx.sqlite);
		this.rooms = new Rooms(
			this.log,
			{ idleMs: ctx.config.roomIdleMs, compactAfter: 200 },
			{
				onChanged: (room, cards) => this.projection.markDirty(room.boardId, room.doc, cards),
				onUnload: (room) => this.projection.flush(room.boardId)
			}
		);
		this.reloadCollectives();
	}

	/** Collective agencies ("Các sở, ngành, địa phương") count every agency as a supporter. */
	reloadCollectives(): void {
		const rows = this.ctx.sqlite.prepare('select id from agencies where is_collective = 1').all() as { id: string }[];
		this.collectives = new Set(rows.map((r) => r.id));
	}

	isCollective = (agencyId: string) => this.collectives.has(agencyId);

	/** Closes every open connection of a user (deactivated, signed out everywhere). */
	closeUserConnections(userId: string): number {
		let n = 0;
		for (const c of this.connections) {
			if (c.userId === userId) {
				c.close(CloseCode.NotSignedIn, 'session ended');
				n++;
			}
		}
		return n;
	}

	get connectionCount(): number {
		return this.connections.size;
	}

	/** Runs a server-side change on a board document, attributed to a user, and projects it. */
	change(boardId: string, userId: string | null, cardId: string | null, field: string, fn: (room: Room) => void): void {
		this.rooms.withRoom(boardId, (room) => {
			room.applyServerChange(userId, [{ cardId, field, detail: null }], () => fn(room));
			// A change to one card reaches the projection through the room; a board-wide one is marked here.
			if (!cardId) this.projection.markDirty(boardId, room.doc, 'all');
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
						const user = verdict.user;
						room = this.rooms.open(boardId);
						conn = new Connection(
							ws,
							user.id,
							{ subject: { id: user.id, role: user.role, agencyId: user.agencyId }, isCollective: this.isCollective },
							room,
							{ maxMessageBytes: this.ctx.config.maxMessageBytes, awarenessPerSecond: 30 }
						);
						this.connections.add(conn);
						room.join(conn);
					},
					onMessage: (evt: MessageEvent) => conn?.receive(evt.data),
					onClose: () => {
						if (conn && room) {
							conn.closed = true;
							this.connections.delete(conn);
							this.rooms.leave(room, conn);
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
	): Promise<{ user: SessionUser } | { close: CloseCode; reason: string }> {
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
		return { user: session.user };
	}

	shutdown(): void {
		for (const c of this.connections) c.close(1001, 'server shutting down');
		this.projection.flush();
		this.rooms.closeAll();
	}
}
