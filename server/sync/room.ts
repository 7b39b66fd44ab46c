/**
 * One open board: the authoritative Y.Doc, its awareness, and the connections editing it.
 * An update goes: permission check → apply → append to the log (with its attribution) → relay.
 *
 * Opening is split in two so that a client gets the board at once: the stored bytes are read and can
 * be sent as sync step 2 straight away, while integrating them into the Y.Doc (the slow part for a
 * large board) happens on the next turn of the event loop, or earlier if something needs the doc.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import { checkUpdate, type GuardContext } from './document-guard.js';
import type { ActivityRow, UpdateLog } from './update-log.js';
import { Outgoing } from './broadcast.js';

/** What a room needs of a connection. */
export interface Peer {
	readonly userId: string;
	readonly guard: GuardContext;
	send(frame: Uint8Array): void;
	/** Sends a message that goes to many peers (its WebSocket frame is built once for all). */
	sendShared(message: Outgoing): void;
}

export type ApplyResult = { ok: true } | { ok: false; reason: string };

interface PendingOrigin {
	peer: Peer | null;
	userId: string | null;
	activity: ActivityRow[];
}

export interface RoomHooks {
	/** Called after each accepted update with the cards it touched (projection, activity views). */
	onChanged?(room: Room, cardIds: Set<string>): void;
}

/** Past this many updates since the cached full state, a joining client gets a fresh encoding instead. */
const MAX_CACHED_TAIL = 500;
/** At most this many updates are merged into one relayed message (merging cost grows with the count). */
const MERGE_LIMIT = 64;

function isEmptyStateVector(sv: Uint8Array): boolean {
	return sv.length === 1 && sv[0] === 0;
}

export class Room {
	private readonly ydoc = new Y.Doc({ gc: true });
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Map<Peer, Set<number>>();
	/** The last update log id folded into the document. */
	lastUpdateId = 0;
	/** Log entries written since the last compaction. */
	logLength = 0;
	/** Bytes read from storage, not yet integrated into the document. */
	private unintegrated: Uint8Array[] | null;
	/** The full state as bytes: a base plus the updates accepted since — sent as-is to new clients. */
	private cachedBase: Uint8Array | null;
	private cachedTail: Uint8Array[] = [];
	private waitingForStep1: Peer[] = [];

	constructor(
		readonly boardId: string,
		private log: UpdateLog,
		private hooks: RoomHooks = {}
	) {
		const stored = log.loadBytes(boardId);
		this.lastUpdateId = stored.lastUpdateId;
		this.logLength = stored.updates.length;
		this.unintegrated = stored.state ? [stored.state, ...stored.updates] : stored.updates;
		this.cachedBase = stored.state;
		this.cachedTail = stored.state ? stored.updates : [];
		this.awareness = new awarenessProtocol.Awareness(this.ydoc);
		this.awareness.setLocalState(null);
		this.ydoc.on('update', this.onDocUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
		if (this.unintegrated.length === 0) this.unintegrated = null;
		else setImmediate(() => this.integrate());
	}

	/** The authoritative document (integrating stored bytes first, if still pending). */
	get doc(): Y.Doc {
		this.integrate();
		return this.ydoc;
	}

	get integrated(): boolean {
		return this.unintegrated === null;
	}

	/** Applies the stored bytes to the document; idempotent. */
	integrate(): void {
		const pending = this.unintegrated;
		if (!pending) return;
		this.unintegrated = null;
		this.ydoc.off('update', this.onDocUpdate);
		this.ydoc.transact(() => {
			for (const u of pending) Y.applyUpdate(this.ydoc, u);
		}, null);
		this.ydoc.on('update', this.onDocUpdate);
		const sv = encodeSyncStep1(Y.encodeStateVector(this.ydoc));
		for (const peer of this.waitingForStep1) if (this.peers.has(peer)) peer.send(sv);
		this.waitingForStep1 = [];
	}

	/**
	 * Accepted updates wait here for the end of the event-loop turn: then they are stored in one
	 * transaction and only after that relayed. Under load one commit carries many updates; alone,
	 * an update waits one turn. Nothing is relayed or served before it is stored.
	 */
	private unlogged: { update: Uint8Array; origin: PendingOrigin | null }[] = [];
	private flushScheduled = false;

	private onDocUpdate = (update: Uint8Array, origin: unknown) => {
		this.unlogged.push({ update, origin: origin as PendingOrigin | null });
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			setImmediate(() => this.flush());
		}
	};

	private retryTimer: NodeJS.Timeout | null = null;
	/** Times storing a batch failed (to keep the error log short). */
	private storeFailures = 0;

	/**
	 * Stores the accepted updates not yet in the log, then relays them; idempotent. When storing fails
	 * nothing is relayed: the updates stay queued and are retried shortly.
	 */
	flush(): void {
		this.flushScheduled = false;
		const batch = this.unlogged;
		if (batch.length === 0) return;
		try {
			this.lastUpdateId = this.log.appendBatch(
				this.boardId,
				batch.map(({ update, origin }) => ({ update, userId: origin?.userId ?? null, activity: origin?.activity ?? [] }))
			);
		} catch (err) {
			// Not stored, so not relayed. The process keeps the updates (in the document and in this queue)
			// and tries again; a failure here must not take the whole server down.
			this.storeFailures++;
			if (this.storeFailures === 1 || this.storeFailures % 100 === 0) {
				console.error(`board ${this.boardId}: storing ${batch.length} update(s) failed (${String(err)}); retrying`);
			}
			this.retryTimer ??= setTimeout(() => {
				this.retryTimer = null;
				this.flush();
			}, 50);
			return;
		}
		this.unlogged = [];
		this.logLength += batch.length;
		const changed = new Set<string>();
		for (const { origin } of batch) if (origin) for (const a of origin.activity) if (a.cardId) changed.add(a.cardId);
		this.relay(batch);
		if (changed.size > 0) this.hooks.onChanged?.(this, changed);
	}

	/**
	 * Sends a stored batch to the peers: one message per peer for each run of up to MERGE_LIMIT
	 * updates (usually the whole batch). Under load a turn's batch holds many updates, and one socket
	 * write per peer instead of one per update is what keeps the relay from drowning in system calls.
	 */
	private relay(batch: { update: Uint8Array; origin: PendingOrigin | null }[]): void {
		for (let i = 0; i < batch.length; i += MERGE_LIMIT) this.relayRun(batch.slice(i, i + MERGE_LIMIT));
	}

	/**
	 * When the run comes from one peer (the usual case), that peer is not sent its own updates. When
	 * several peers sent updates in the same turn (only under load), everyone gets the same merged
	 * message, senders included: a Yjs client ignores what it already has, and one merge and one frame
	 * for all is far cheaper than a separate merge for each sender.
	 */
	private relayRun(run: { update: Uint8Array; origin: PendingOrigin | null }[]): void {
		if (this.peers.size === 0 && !this.cachedBase) return;
		const all = run.length === 1 ? run[0].update : Y.mergeUpdates(run.map((b) => b.update));
		if (this.cachedBase) {
			this.cachedTail.push(all);
			if (this.cachedTail.length > MAX_CACHED_TAIL) this.dropCache();
		}
		if (this.peers.size === 0) return;
		const senders = new Set<Peer | null>(run.map((b) => b.origin?.peer ?? null));
		const soleSender = senders.size === 1 ? [...senders][0] : null;
		const message = new Outgoing(encodeUpdate(all));
		for (const peer of this.peers.keys()) if (peer !== soleSender) peer.sendShared(message);
	}

	private onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = added.concat(updated, removed);
		const peer = origin as Peer | null;
		const owned = peer ? this.peers.get(peer) : undefined;
		if (owned) {
			for (const id of added) owned.add(id);
			for (const id of removed) owned.delete(id);
		}
		const message = new Outgoing(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
		for (const p of this.peers.keys()) p.sendShared(message);
	};

	join(peer: Peer): void {
		this.peers.set(peer, new Set());
		// The server's step 1 asks the client for what the server lacks; it can wait for integration.
		if (this.integrated) peer.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)));
		else this.waitingForStep1.push(peer);
		const states = this.awareness.getStates();
		if (states.size > 0) {
			peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
		}
	}

	leave(peer: Peer): void {
		const owned = this.peers.get(peer);
		this.peers.delete(peer);
		if (owned && owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
	}

	/**
	 * The answer to a client's sync step 1: step 2 with everything it lacks. A new client (empty state
	 * vector) gets the cached full state as stored — a base and the updates since — without encoding.
	 */
	syncStep2For(stateVector: Uint8Array): Uint8Array[] {
		this.flush(); // a client is never sent state that is not stored yet
		if (isEmptyStateVector(stateVector)) {
			if (!this.cachedBase) {
				this.cachedBase = Y.encodeStateAsUpdate(this.doc);
				this.cachedTail = [];
			}
			// The updates since the base go first: the client keeps them pending until step 2 brings the
			// base, so that when it marks itself synced (on step 2) it already has everything.
			return [...this.cachedTail.map(encodeUpdate), encodeSyncStep2(this.cachedBase)];
		}
		Y.decodeStateVector(stateVector); // throws on garbage, before any work
		return [encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector))];
	}

	/** Forgets the cached full state (after compaction re-encodes it, or when its tail grew long). */
	dropCache(replacement: Uint8Array | null = null): void {
		this.cachedBase = replacement;
		this.cachedTail = [];
	}

	/** Checks and applies a client update. Throws on an update that cannot be decoded. */
	applyClientUpdate(peer: Peer, update: Uint8Array): ApplyResult {
		const doc = this.doc;
		const verdict = checkUpdate(doc, peer.guard, update);
		if (!verdict.ok) return verdict;
		Y.applyUpdate(doc, update, { peer, userId: peer.userId, activity: verdict.activity } satisfies PendingOrigin);
		return { ok: true };
	}

	/** A change made by the server itself (an HTTP action, an attachment upload), attributed to a user. */
	applyServerChange(userId: string | null, activity: ActivityRow[], change: (doc: Y.Doc) => void): void {
		const doc = this.doc;
		doc.transact(() => change(doc), { peer: null, userId, activity } satisfies PendingOrigin);
	}

	applyAwareness(peer: Peer, update: Uint8Array): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
	}

	awarenessFrame(): Uint8Array {
		return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
	}

	destroy(): void {
		this.flush();
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.unintegrated = null;
		this.ydoc.off('update', this.onDocUpdate);
		this.awareness.off('update', this.onAwarenessUpdate);
		this.awareness.destroy();
		this.ydoc.destroy();
	}
}
