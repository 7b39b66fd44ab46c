/**
 * The open rooms of the process: a board's room is loaded on its first connection and unloaded
 * (after its log is compacted and its projection flushed) a while after its last one leaves.
 */
import * as Y from 'yjs';
import { Room, type Peer, type RoomHooks } from './room.js';
import type { BoardStore } from './board-store.js';
import type { Limits } from './update-structure.js';
import { CloseCode } from './protocol.js';

export interface RoomsOptions {
	idleMs: number;
	/** Compact a room's log once it holds this many updates (checked when the room goes quiet). */
	compactAfter: number;
	/** Structural limits of incoming updates (defaults in update-structure.ts). */
	limits?: Limits;
}

export class Rooms {
	private rooms = new Map<string, Room>();
	private unloadTimers = new Map<string, NodeJS.Timeout>();
	private compactTimers = new Map<string, NodeJS.Timeout>();

	constructor(
		private store: BoardStore,
		private options: RoomsOptions,
		private hooks: RoomHooks & { onUnload?(room: Room): void } = {}
	) {}

	get size(): number {
		return this.rooms.size;
	}

	get(boardId: string): Room | undefined {
		return this.rooms.get(boardId);
	}

	/** The room of a board, loading it from the database if needed. */
	open(boardId: string): Room {
		let room = this.rooms.get(boardId);
		if (!room) {
			room = new Room(
				boardId,
				this.store,
				{
					onChanged: (r, cards) => {
						this.hooks.onChanged?.(r, cards);
						this.scheduleCompaction(r);
					},
					onBroken: (r) => this.reload(r),
					outbox: this.hooks.outbox
				},
				this.options.limits
			);
			this.rooms.set(boardId, room);
		}
		this.cancelUnload(boardId);
		return room;
	}

	join(boardId: string, peer: Peer): Room {
		const room = this.open(boardId);
		room.join(peer);
		return room;
	}

	leave(room: Room, peer: Peer): void {
		room.leave(peer);
		if (room.peers.size === 0) this.scheduleUnload(room);
	}

	/** Runs a server-side change on a board's document, opening its room for the time it takes. */
	withRoom<T>(boardId: string, fn: (room: Room) => T): T {
		const room = this.open(boardId);
		room.flush();
		try {
			return fn(room);
		} finally {
			// What an HTTP reader is about to see, or a server change just made, is stored first.
			room.flush();
			if (room.peers.size === 0) this.scheduleUnload(room);
		}
	}

	private cancelUnload(boardId: string) {
		const t = this.unloadTimers.get(boardId);
		if (t) clearTimeout(t);
		this.unloadTimers.delete(boardId);
	}

	private scheduleUnload(room: Room) {
		this.cancelUnload(room.boardId);
		const t = setTimeout(() => this.unload(room), this.options.idleMs);
		t.unref();
		this.unloadTimers.set(room.boardId, t);
	}

	/** Compaction runs when a busy room has been quiet for a moment, never on the update path. */
	private scheduleCompaction(room: Room) {
		if (room.logLength < this.options.compactAfter) return;
		// A room that never goes quiet still gets compacted, so its log cannot grow without bound.
		if (room.logLength >= this.options.compactAfter * 50) {
			this.compactQuietly(room);
			return;
		}
		const existing = this.compactTimers.get(room.boardId);
		if (existing) existing.refresh();
		else {
			const t = setTimeout(() => {
				this.compactTimers.delete(room.boardId);
				this.compactQuietly(room); // on failure the next quiet moment tries again
			}, 2000);
			t.unref();
			this.compactTimers.set(room.boardId, t);
		}
	}

	compact(room: Room): void {
		room.flush();
		if (room.logLength === 0 || room.broken) return;
		const state = Y.encodeStateAsUpdate(room.doc);
		this.store.compact(room.boardId, state, room.lastUpdateId);
		room.dropCache(state);
		room.logLength = 0;
	}

	/**
	 * Drops a room whose document can no longer be trusted: its clients reconnect (close 1012) and the
	 * next connection loads the board afresh from storage, without the quarantined update.
	 */
	private reload(room: Room): void {
		if (this.rooms.get(room.boardId) !== room) return;
		this.rooms.delete(room.boardId);
		this.cancelUnload(room.boardId);
		const ct = this.compactTimers.get(room.boardId);
		if (ct) clearTimeout(ct);
		this.compactTimers.delete(room.boardId);
		// After the current turn: the failing update's own call is still on the stack.
		setImmediate(() => {
			for (const peer of [...room.peers.keys()]) peer.close(CloseCode.Reload, 'board reloaded');
			room.destroy();
		});
	}

	private unload(room: Room) {
		this.unloadTimers.delete(room.boardId);
		if (room.peers.size > 0 || this.rooms.get(room.boardId) !== room) return;
		const ct = this.compactTimers.get(room.boardId);
		if (ct) clearTimeout(ct);
		this.compactTimers.delete(room.boardId);
		this.hooks.onUnload?.(room);
		this.compactQuietly(room);
		this.rooms.delete(room.boardId);
		room.destroy();
	}

	/** Compaction on the way out: a failure keeps the log as it is (nothing is lost). */
	private compactQuietly(room: Room) {
		try {
			this.compact(room);
		} catch (err) {
			console.error(`board ${room.boardId}: compaction failed (${String(err)})`);
		}
	}

	/** Unloads every room now (shutdown, tests). */
	closeAll(): void {
		for (const room of [...this.rooms.values()]) {
			for (const t of this.unloadTimers.values()) clearTimeout(t);
			this.unloadTimers.clear();
			this.hooks.onUnload?.(room);
			this.compactQuietly(room);
			this.rooms.delete(room.boardId);
			room.destroy();
		}
	}
}
