/**
 * One open board: the authoritative Y.Doc, its awareness, and the connections editing it.
 * An update goes: decode → guard (structure, then rights and schema) → apply → append durably → relay.
 * Nothing a client sends can leave the board half-working: an update that Yjs fails on after the guard
 * let it through is quarantined and the room is reloaded from storage (`onBroken`); stored bytes that
 * fail to load are quarantined and the board opens from the rest.
 *
 * Opening is split in two so that a client gets the board at once: the stored bytes are read and can
 * be sent as sync step 2 straight away, while integrating them into the Y.Doc (the slow part for a
 * large board) happens on the next turn of the event loop, or earlier if something needs the doc.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import { checkUpdate, type GuardContext, type Verdict } from './document-guard.js';
import type { ActivityRow, BoardStore, OutboxEvent, StoredUpdate } from './board-store.js';
import { Outgoing } from './broadcast.js';
import { analyzeUpdate, RefusedUpdate, type Limits } from './update-structure.js';
import { decodePresence, encodePresence, stampPresence, type PresenceIdentity } from './presence.js';

/** What a room needs of a connection. */
export interface Peer {
	readonly userId: string;
	readonly guard: GuardContext;
	readonly identity: PresenceIdentity;
	send(frame: Uint8Array): void;
	close(code: number, reason: string): void;
	/** Sends a message that goes to many peers (its WebSocket frame is built once for all). */
	sendShared(message: Outgoing): void;
}

export type ApplyResult = { ok: true } | { ok: false; reason: string };

interface PendingOrigin {
	peer: Peer | null;
	userId: string | null;
	activity: ActivityRow[];
	/** Client ids this update binds to its sender (stored with it). */
	newClients: number[];
}

export interface RoomHooks {
	/** Called after each accepted update with the cards it touched (projection, activity views). */
	onChanged?(room: Room, cardIds: Set<string>): void;
	/** The document can no longer be trusted (Yjs failed on an update): reload the room from storage. */
	onBroken?(room: Room): void;
	/**
	 * Events another module derives from an accepted update, read from the transaction that applied it
	 * (the document holds the update then); stored with the update in one transaction (notifications).
	 */
	outbox?(room: Room, transaction: Y.Transaction, userId: string | null): OutboxEvent[];
}

/** The window of the cap on new client ids per user and board (update-structure.ts: maxClientsPerUser). */
const BINDING_WINDOW_MS = 24 * 3600_000;

/** Owner of the client ids the server itself writes under (HTTP actions, uploads). */
export const SERVER_OWNER = '@server';

/** A refusal's message for the sender, from the structural rule it broke. */
function structuralReason(err: RefusedUpdate): string {
	return `Cập nhật không hợp lệ, đã bị từ chối (${err.code})`;
}

/** Past this many updates since the cached full state, a joining client gets a fresh encoding instead. */
const MAX_CACHED_TAIL = 500;
/** At most this many updates are merged into one relayed message (merging cost grows with the count). */
const MERGE_LIMIT = 64;

function isEmptyStateVector(sv: Uint8Array): boolean {
	return sv.length === 1 && sv[0] === 0;
}

export class Room {
	private ydoc = new Y.Doc({ gc: true });
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Map<Peer, Set<number>>();
	/** The last update log id folded into the document. */
	lastUpdateId = 0;
	/** Log entries written since the last compaction. */
	logLength = 0;
	/** Stored bytes not yet integrated into the document (the compacted state has id null). */
	private unintegrated: { id: number | null; data: Uint8Array; userId: string | null }[] | null;
	/**
	 * Owner (user id) of each client id on this board, and how many each user bound lately (within
	 * BINDING_WINDOW_MS before the room loaded, and since): every page load is a new client id, so the
	 * cap is on the rate of new ids, not on a lifetime's total.
	 */
	private owners: Map<number, string>;
	private ownedCount: Map<string, number>;
	/** Set once Yjs failed on an update: the room stops accepting and waits to be reloaded. */
	broken = false;
	/** The full state as bytes: a base plus the updates accepted since — sent as-is to new clients. */
	private cachedBase: Uint8Array | null;
	private cachedTail: Uint8Array[] = [];
	private waitingForStep1: Peer[] = [];

	constructor(
		readonly boardId: string,
		private store: BoardStore,
		private hooks: RoomHooks = {},
		private limits?: Limits
	) {
		const stored = store.load(boardId);
		this.owners = store.clientOwners(boardId);
		this.ownedCount = store.recentBindings(boardId, new Date(Date.now() - BINDING_WINDOW_MS).toISOString());
		this.lastUpdateId = stored.lastUpdateId;
		this.logLength = stored.updates.length;
		const updates = stored.updates.map((u: StoredUpdate) => ({ id: u.id, data: u.data, userId: u.userId }));
		this.unintegrated = stored.state ? [{ id: null, data: stored.state, userId: null }, ...updates] : updates;
		// Bytes are served as stored only when every piece passed the checks of this write path.
		this.cachedBase = stored.unchecked ? null : stored.state;
		this.cachedTail = stored.state && !stored.unchecked ? updates.map((u) => u.data) : [];
		this.awareness = new awarenessProtocol.Awareness(this.ydoc);
		this.awareness.setLocalState(null);
		this.ydoc.on('update', this.onDocUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
		if (this.unintegrated.length === 0) this.unintegrated = null;
		else if (stored.unchecked) {
			// Stored before updates were checked: integrated now, what fails set aside, before anyone is served.
			this.integrate();
			if (!this.broken) this.store.markChecked(boardId);
		} else setImmediate(() => this.integrate());
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
		let clean = true;
		try {
			this.ydoc.transact(() => {
				for (const u of pending) Y.applyUpdate(this.ydoc, u.data);
			}, null);
			clean = !this.hasPending(this.ydoc);
		} catch {
			clean = false;
		}
		if (!clean) this.integrateOneByOne(pending);
		this.ydoc.on('update', this.onDocUpdate);
		const sv = encodeSyncStep1(Y.encodeStateVector(this.ydoc));
		for (const peer of this.waitingForStep1) if (this.peers.has(peer)) peer.send(sv);
		this.waitingForStep1 = [];
	}

	private hasPending(doc: Y.Doc): boolean {
		return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
	}

	/**
	 * The slow way in, after the stored bytes failed to load as a whole: each stored piece is applied
	 * on its own; one that throws, or that Yjs cannot integrate completely, is quarantined and the
	 * document rebuilt from the pieces before it. The board then opens from everything that is good,
	 * its cleaned state is stored, and clients that were sent the stored bytes reload.
	 */
	private integrateOneByOne(units: { id: number | null; data: Uint8Array; userId: string | null }[]): void {
		const good: Uint8Array[] = [];
		let doc = new Y.Doc({ gc: true });
		for (const u of units) {
			let reason: string | null = null;
			try {
				Y.applyUpdate(doc, u.data);
				if (this.hasPending(doc)) reason = 'Yjs could not integrate it completely (pending structs or deletions)';
			} catch (err) {
				reason = `Yjs failed on it: ${String(err).slice(0, 300)}`;
			}
			if (reason === null) {
				good.push(u.data);
				continue;
			}
			console.error(`board ${this.boardId}: stored update ${u.id ?? 'state'} quarantined (${reason})`);
			try {
				this.store.quarantine(this.boardId, { updateId: u.id, userId: u.userId, data: u.data, reason });
			} catch (err) {
				console.error(`board ${this.boardId}: quarantine failed (${String(err)})`);
			}
			doc.destroy();
			doc = new Y.Doc({ gc: true });
			for (const g of good) Y.applyUpdate(doc, g);
		}
		this.ydoc.destroy();
		this.ydoc = doc;
		try {
			this.store.compact(this.boardId, Y.encodeStateAsUpdate(doc), this.lastUpdateId);
			this.logLength = 0;
		} catch (err) {
			console.error(`board ${this.boardId}: storing the cleaned state failed (${String(err)})`);
		}
		this.dropCache();
		// Whoever was sent the stored bytes has the bad piece too: they reload and sync again.
		for (const peer of [...this.peers.keys()]) if (!this.waitingForStep1.includes(peer)) peer.close(CloseCode.Reload, 'board reloaded');
	}

	/**
	 * Accepted updates wait here for the end of the event-loop turn: then they are stored in one
	 * transaction and only after that relayed. Under load one commit carries many updates; alone,
	 * an update waits one turn. Nothing is relayed or served before it is stored.
	 */
	private unlogged: { update: Uint8Array; origin: PendingOrigin | null; outbox?: OutboxEvent[] }[] = [];
	private flushScheduled = false;

	private onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
		const o = origin as PendingOrigin | null;
		this.unlogged.push({ update, origin: o, outbox: this.hooks.outbox?.(this, transaction, o?.userId ?? null) });
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
			const newClients = batch.flatMap(({ origin }) =>
				(origin?.newClients ?? []).map((clientId) => ({ clientId, userId: origin?.userId ?? SERVER_OWNER }))
			);
			this.lastUpdateId = this.store.appendBatch(
				this.boardId,
				batch.map(({ update, origin, outbox }) => ({ update, userId: origin?.userId ?? null, activity: origin?.activity ?? [], outbox })),
				newClients
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
		try {
			this.relay(batch);
		} catch (err) {
			// Stored already: clients that missed the relay get it from their next sync.
			console.error(`board ${this.boardId}: relay failed (${String(err)})`);
		}
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

	/**
	 * Whether a user's update would be accepted now (structure, rights, schema), without applying it.
	 * Throws on an update that cannot be decoded.
	 */
	check(userId: string, guard: GuardContext, update: Uint8Array): Verdict & { newClients?: number[] } {
		const doc = this.doc;
		let structure;
		try {
			structure = analyzeUpdate(doc, update, { userId, owners: this.owners, ownedCount: this.ownedCount.get(userId) ?? 0 }, this.limits);
		} catch (err) {
			if (err instanceof RefusedUpdate) return { ok: false, reason: structuralReason(err) };
			throw err;
		}
		const verdict = checkUpdate(doc, guard, structure);
		return verdict.ok ? { ...verdict, newClients: structure.newClients } : verdict;
	}

	/** Checks and applies a client update. Throws on an update that cannot be decoded. */
	applyClientUpdate(peer: Peer, update: Uint8Array): ApplyResult {
		if (this.broken) return { ok: false, reason: 'Bảng đang được tải lại, vui lòng thử lại' };
		const verdict = this.check(peer.userId, peer.guard, update);
		if (!verdict.ok) return verdict;
		const newClients = verdict.newClients ?? [];
		for (const c of newClients) this.bind(c, peer.userId);
		const origin: PendingOrigin = { peer, userId: peer.userId, activity: verdict.activity, newClients };
		const doc = this.doc;
		let failure: unknown = null;
		try {
			Y.applyUpdate(doc, update, origin);
			if (this.hasPending(doc)) failure = new Error('left pending structs or deletions');
		} catch (err) {
			failure = err;
		}
		if (failure !== null) {
			this.contain(update, origin, failure);
			return { ok: false, reason: 'Cập nhật không áp dụng được, đã được cách ly' };
		}
		return { ok: true };
	}

	private serverEditClients = new Map<string, number>();

	/**
	 * A client id for updates the server builds on a user's behalf (a returned workbook): one per user
	 * while the room is loaded, never one a browser uses, so it cannot collide with a live client.
	 */
	clientIdForServerEdits(userId: string): number {
		let id = this.serverEditClients.get(userId);
		if (id === undefined) {
			do id = Math.floor(Math.random() * 0xffffffff);
			while (this.owners.has(id) || Y.getState(this.doc.store, id) > 0);
			this.serverEditClients.set(userId, id);
		}
		return id;
	}

	private bind(clientId: number, userId: string) {
		this.owners.set(clientId, userId);
		this.ownedCount.set(userId, (this.ownedCount.get(userId) ?? 0) + 1);
	}

	/**
	 * Yjs failed on an update the guard let through: the document may hold part of it. The update is
	 * quarantined, what was accepted before it is stored, and the room asks to be reloaded from storage.
	 */
	private contain(update: Uint8Array, origin: PendingOrigin, err: unknown) {
		console.error(`board ${this.boardId}: an update from ${origin.userId} failed to apply (${String(err).slice(0, 300)}); quarantined, reloading`);
		this.broken = true;
		this.unlogged = this.unlogged.filter((u) => u.origin !== origin);
		try {
			this.store.quarantine(this.boardId, { updateId: null, userId: origin.userId, data: update, reason: String(err).slice(0, 500) });
		} catch (e) {
			console.error(`board ${this.boardId}: quarantine failed (${String(e)})`);
		}
		this.flush();
		this.hooks.onBroken?.(this);
	}

	/** A change made by the server itself (an HTTP action, an attachment upload), attributed to a user. */
	applyServerChange(userId: string | null, activity: ActivityRow[], change: (doc: Y.Doc) => void): void {
		const doc = this.doc;
		const newClients: number[] = [];
		if (!this.owners.has(doc.clientID)) {
			this.bind(doc.clientID, SERVER_OWNER);
			newClients.push(doc.clientID);
		}
		doc.transact(() => change(doc), { peer: null, userId, activity, newClients } satisfies PendingOrigin);
	}

	/**
	 * Presence from a connection: only for client ids its user owns (an unowned one is bound to the
	 * user now), with the identity stamped from the session. Throws on a malformed message.
	 */
	applyAwareness(peer: Peer, update: Uint8Array): void {
		const fresh: number[] = [];
		const max = this.limits?.maxClientsPerUser ?? 1000;
		const entries = stampPresence(decodePresence(update), peer.identity, (clientId) => {
			const owner = this.owners.get(clientId);
			if (owner !== undefined) return owner === peer.userId;
			if ((this.ownedCount.get(peer.userId) ?? 0) >= max) return false;
			this.bind(clientId, peer.userId);
			fresh.push(clientId);
			return true;
		});
		if (fresh.length > 0) {
			try {
				this.store.bindClients(this.boardId, fresh.map((clientId) => ({ clientId, userId: peer.userId })));
			} catch (err) {
				console.error(`board ${this.boardId}: binding client ids failed (${String(err)})`);
			}
		}
		if (entries.length === 0) return;
		awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(entries), peer);
	}

	/** The user who owns a client id on this board. */
	clientOwner(clientId: number): string | undefined {
		return this.owners.get(clientId);
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
