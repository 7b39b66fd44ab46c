/**
 * The open rooms of the process: a board's room is loaded on its first connection and unloaded
 * (after its log is compacted and its projection flushed) a while after its last one leaves.
 *
 * A room that is closing (unloading, or dropped because its document broke) finishes storing before
 * the board can be opened again, so a new room never loads from storage that lacks an accepted update.
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

/** What a cluster needs to know about rooms: which boards this node has open. */
export interface RoomsCluster {
	/** Starts receiving a board's updates from other nodes (before the room is read from storage). */
	watch(boardId: string): Promise<void>;
	unwatch(boardId: string): void;
}

export interface RoomsHooks extends RoomHooks {
	onUnload?(room: Room): Promise<void> | void;
}

export class Rooms {
	private rooms = new Map<string, Room>();
	private loading = new Map<string, Promise<Room>>();
	private closing = new Map<string, Promise<void>>();
	private unloadTimers = new Map<string, NodeJS.Timeout>();
	private compactTimers = new Map<string, NodeJS.Timeout>();
	/** Server-side work in progress per board (a room is not unloaded under it). */
	private holds = new Map<string, number>();
	cluster: RoomsCluster | null = null;

	constructor(
		private store: BoardStore,
		private options: RoomsOptions,
		private hooks: RoomsHooks = {}
	) {}

	get size(): number {
		return this.rooms.size;
	}

	get(boardId: string): Room | undefined {
		return this.rooms.get(boardId);
	}

	/** Every open room. */
	all(): Room[] {
		return [...this.rooms.values()];
	}

	/**
	 * The room of a board, loading it from storage if needed. In a cluster an open room first reads
	 * what other nodes stored since its last message, so that a client joining here is served
	 * everything any client has seen.
	 */
	async open(boardId: string): Promise<Room> {
		this.cancelUnload(boardId);
		const open = this.rooms.get(boardId);
		if (open) {
			if (this.cluster) await open.catchUp();
			return open;
		}
		let loading = this.loading.get(boardId);
		if (!loading) {
			loading = this.load(boardId).finally(() => this.loading.delete(boardId));
			this.loading.set(boardId, loading);
		}
		const room = await loading;
		this.cancelUnload(boardId);
		return room;
	}

	private async load(boardId: string): Promise<Room> {
		await this.closing.get(boardId);
		// Watching starts before the read: a message sent meanwhile is either in what is read or received.
		await this.cluster?.watch(boardId);
		const room = await Room.load(
			boardId,
			this.store,
			{
				onChanged: (r, cards) => {
					this.hooks.onChanged?.(r, cards);
					this.scheduleCompaction(r);
				},
				onBroken: (r) => this.reload(r),
				outbox: this.hooks.outbox,
				stored: this.hooks.stored,
				presence: this.hooks.presence
			},
			this.options.limits
		);
		room.clustered = this.cluster !== null;
		this.rooms.set(boardId, room);
		// Messages that arrived while it was read were dropped: what they carried is read now.
		if (this.cluster) await room.catchUp();
		return room;
	}

	leave(room: Room, peer: Peer): void {
		room.leave(peer);
		if (room.peers.size === 0) this.scheduleUnload(room);
	}

	/**
	 * Runs a server-side change or read on a board's document, opening its room for the time it takes.
	 * What an HTTP reader is about to see, and what a server change just made, is stored first.
	 */
	async withRoom<T>(boardId: string, fn: (room: Room) => T): Promise<T> {
		this.holds.set(boardId, (this.holds.get(boardId) ?? 0) + 1);
		try {
			const room = await this.open(boardId);
			await room.flush();
			const result = fn(room);
			await room.flush();
			return result;
		} finally {
			const n = (this.holds.get(boardId) ?? 1) - 1;
			if (n > 0) this.holds.set(boardId, n);
			else this.holds.delete(boardId);
			const room = this.rooms.get(boardId);
			if (room && room.peers.size === 0 && n <= 0) this.scheduleUnload(room);
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
			void this.compactQuietly(room);
			return;
		}
		const existing = this.compactTimers.get(room.boardId);
		if (existing) existing.refresh();
		else {
			const t = setTimeout(() => {
				this.compactTimers.delete(room.boardId);
				void this.compactQuietly(room); // on failure the next quiet moment tries again
			}, 2000);
			t.unref();
			this.compactTimers.set(room.boardId, t);
		}
	}

	private compacting = new Set<Room>();

	async compact(room: Room): Promise<void> {
		if (this.compacting.has(room)) return;
		this.compacting.add(room);
		try {
			await room.flush();
			if (room.logLength === 0 || room.broken) return;
			const state = Y.encodeStateAsUpdate(room.doc);
			const upTo = room.lastSeq;
			const logged = room.logLength;
			await this.store.compact(room.boardId, state, upTo);
			if (room.lastSeq === upTo) room.dropCache(state);
			room.logLength = Math.max(0, room.logLength - logged);
		} finally {
			this.compacting.delete(room);
		}
	}

	private clearCompactTimer(boardId: string) {
		const ct = this.compactTimers.get(boardId);
		if (ct) clearTimeout(ct);
		this.compactTimers.delete(boardId);
	}

	/** Takes a room out of service; the board opens again only once `work` is done. */
	private retire(room: Room, work: () => Promise<void>): Promise<void> {
		this.rooms.delete(room.boardId);
		this.cancelUnload(room.boardId);
		this.clearCompactTimer(room.boardId);
		this.cluster?.unwatch(room.boardId);
		const done = work()
			.catch((err) => console.error(`board ${room.boardId}: closing failed (${String(err)})`))
			.finally(() => {
				if (this.closing.get(room.boardId) === done) this.closing.delete(room.boardId);
			});
		this.closing.set(room.boardId, done);
		return done;
	}

	/**
	 * Drops a room whose document can no longer be trusted: its clients reconnect (close 1012) and the
	 * next connection loads the board afresh from storage, without the quarantined update.
	 */
	private reload(room: Room): void {
		if (this.rooms.get(room.boardId) !== room) return;
		void this.retire(room, async () => {
			// After the current turn: the failing update's own call is still on the stack.
			await new Promise((r) => setImmediate(r));
			for (const peer of [...room.peers.keys()]) peer.close(CloseCode.Reload, 'board reloaded');
			await room.close();
		});
	}

	private unload(room: Room) {
		this.unloadTimers.delete(room.boardId);
		if (room.peers.size > 0 || this.holds.has(room.boardId) || this.rooms.get(room.boardId) !== room) return;
		void this.retire(room, () => this.closeRoom(room));
	}

	private async closeRoom(room: Room): Promise<void> {
		await this.hooks.onUnload?.(room);
		await this.compactQuietly(room);
		await room.close();
	}

	/** Compaction on the way out: a failure keeps the log as it is (nothing is lost). */
	private async compactQuietly(room: Room) {
		try {
			await this.compact(room);
		} catch (err) {
			console.error(`board ${room.boardId}: compaction failed (${String(err)})`);
		}
	}

	/** Unloads every room now (shutdown, tests), storing what they hold. */
	async closeAll(): Promise<void> {
		for (const t of this.unloadTimers.values()) clearTimeout(t);
		this.unloadTimers.clear();
		await Promise.all([...this.loading.values()].map((p) => p.catch(() => null)));
		await Promise.all(this.all().map((room) => this.retire(room, () => this.closeRoom(room))));
		await Promise.all([...this.closing.values()]);
	}
}
