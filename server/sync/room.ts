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
 *
 * Every stored update has a number in the board's sequence. `lastSeq` is the last number whose update
 * (and every one before it) is in the document. In a cluster, updates stored by other nodes arrive
 * through `applyRemote` with their numbers; one that does not follow `lastSeq` means a message was
 * missed, and the room reads what it lacks back from storage (`catchUp`).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import { checkUpdate, type GuardContext, type Verdict } from './document-guard.js';
import type { ActivityRow, AppendResult, BoardStore, ClientBinding, OutboxEvent, QuarantineEntry, StoredBoard } from './board-store.js';
import { Outgoing } from './broadcast.js';
import { analyzeUpdate, RefusedUpdate, type Limits } from './update-structure.js';
import type { SyncRefusal, UpdateRule } from '../../src/lib/core/sync-refusal-codes.js';
import type { QuarantineCause } from '../../src/lib/core/api/accounts.js';
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

/** `afterCatchUp`: refused for a reason that reading what other nodes stored may remove (cluster only). */
export type ApplyResult = { ok: true } | { ok: false; refusal: SyncRefusal; afterCatchUp?: boolean };

/** Structural refusals that can come from a node lagging behind the others rather than from the update. */
const STALENESS_CODES = new Set<UpdateRule>(['pending', 'gap', 'future_delete', 'misplaced', 'foreign_client']);

interface PendingOrigin {
	peer: Peer | null;
	userId: string | null;
	activity: ActivityRow[];
	/** Client ids this update binds to its sender (stored with it). */
	newClients: number[];
}

/** Origin of updates and presence that another cluster node accepted (stored there already). */
export const REMOTE = Symbol('remote');

/** An accepted run of updates as it leaves the room for the other nodes of a cluster. */
export interface StoredRun {
	firstSeq: number;
	lastSeq: number;
	update: Uint8Array;
	bindings: ClientBinding[];
}

export interface RoomHooks {
	/** Called after each accepted update with the cards it touched (projection, activity views). */
	onChanged?(room: Room, cardIds: Set<string> | 'all'): void;
	/** The document can no longer be trusted (Yjs failed on an update): reload the room from storage. */
	onBroken?(room: Room): void;
	/**
	 * Events another module derives from an accepted update, read from the transaction that applied it
	 * (the document holds the update then); stored with the update in one transaction (notifications).
	 */
	outbox?(room: Room, transaction: Y.Transaction, userId: string | null): OutboxEvent[];
	/** Called with each stored run of local updates, after storing and before relaying (cluster publish). */
	stored?(room: Room, run: StoredRun): void;
	/** Called with presence changes of this node's own connections (cluster publish). */
	presence?(room: Room, update: Uint8Array): void;
}

/** What a room is built from: the stored board and its client-id bindings. */
export interface RoomSource {
	stored: StoredBoard;
	owners: Map<number, string>;
	ownedCount: Map<string, number>;
}

/** The client ids a run of accepted updates binds, with their owners. */
function bindingsOf(run: { origin: PendingOrigin | null }[]): ClientBinding[] {
	return run.flatMap(({ origin }) => (origin?.newClients ?? []).map((clientId) => ({ clientId, userId: origin?.userId ?? SERVER_OWNER })));
}

/** The cards (ids under the root "cards" map) a transaction changed. */
function touchedCards(tr: Y.Transaction): Set<string> {
	const out = new Set<string>();
	const cards = tr.doc.share.get('cards');
	for (const [type, keys] of tr.changed) {
		if (type === cards) {
			for (const k of keys) if (k) out.add(k);
			continue;
		}
		let t: Y.AbstractType<any> | null = type;
		while (t?._item) {
			const parent = t._item.parent as Y.AbstractType<any>;
			if (parent === cards) {
				if (t._item.parentSub) out.add(t._item.parentSub);
				break;
			}
			t = parent;
		}
	}
	return out;
}

/** The window of the cap on new client ids per user and board (update-structure.ts: maxClientsPerUser). */
const BINDING_WINDOW_MS = 24 * 3600_000;

/** Owner of the client ids the server itself writes under (HTTP actions, uploads). */
export const SERVER_OWNER = '@server';

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
	/** The last sequence number folded into the document (with everything before it). */
	lastSeq = 0;
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
	/** Other nodes write to this board too (set by Rooms in a cluster). */
	clustered = false;
	/** Set once Yjs failed on an update: the room stops accepting and waits to be reloaded. */
	broken = false;
	/** The full state as bytes: a base plus the updates accepted since — sent as-is to new clients. */
	private cachedBase: Uint8Array | null;
	private cachedTail: Uint8Array[] = [];
	private waitingForStep1: Peer[] = [];

	/** Reads a board from storage and builds its room. */
	static async load(boardId: string, store: BoardStore, hooks: RoomHooks = {}, limits?: Limits): Promise<Room> {
		const [stored, owners, ownedCount] = await Promise.all([
			store.load(boardId),
			store.clientOwners(boardId),
			store.recentBindings(boardId, new Date(Date.now() - BINDING_WINDOW_MS).toISOString())
		]);
		return new Room(boardId, store, { stored, owners, ownedCount }, hooks, limits);
	}

	constructor(
		readonly boardId: string,
		private store: BoardStore,
		{ stored, owners, ownedCount }: RoomSource,
		private hooks: RoomHooks = {},
		private limits?: Limits
	) {
		this.owners = owners;
		this.ownedCount = ownedCount;
		this.lastSeq = stored.lastSeq;
		this.logLength = stored.updates.length;
		const updates = stored.updates.map((u) => ({ id: u.id, data: u.data, userId: u.userId }));
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
			if (!this.broken) this.background('marking it checked', this.store.markChecked(boardId));
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

	/** Storage work nobody waits for: its failure is logged, and the writes keep their order. */
	private backgroundChain: Promise<void> = Promise.resolve();
	private background(what: string, work: Promise<unknown> | (() => Promise<unknown>)): void {
		const run = typeof work === 'function' ? work : () => work;
		this.backgroundChain = this.backgroundChain.then(run).then(
			() => undefined,
			(err) => console.error(`board ${this.boardId}: ${what} failed (${String(err)})`)
		);
	}

	/** Resolves when storage work started so far (quarantine, bindings, cleaned state) is done. */
	settled(): Promise<void> {
		return this.backgroundChain;
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
			let failure: { cause: QuarantineCause; reason: string } | null = null;
			try {
				Y.applyUpdate(doc, u.data);
				if (this.hasPending(doc))
					failure = { cause: 'load_incomplete', reason: 'Yjs could not integrate it completely (pending structs or deletions)' };
			} catch (err) {
				failure = { cause: 'load_failed', reason: `Yjs failed on it: ${String(err).slice(0, 300)}` };
			}
			if (failure === null) {
				good.push(u.data);
				continue;
			}
			console.error(`board ${this.boardId}: stored update ${u.id ?? 'state'} quarantined (${failure.reason})`);
			const entry: QuarantineEntry = { updateId: u.id, userId: u.userId, data: u.data, ...failure };
			this.background('quarantine', () => this.store.quarantine(this.boardId, entry));
			doc.destroy();
			doc = new Y.Doc({ gc: true });
			for (const g of good) Y.applyUpdate(doc, g);
		}
		this.ydoc.destroy();
		this.ydoc = doc;
		const cleaned = Y.encodeStateAsUpdate(doc);
		const upTo = this.lastSeq;
		this.background('storing the cleaned state', () => this.store.compact(this.boardId, cleaned, upTo));
		this.logLength = 0;
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
		if (origin === REMOTE) {
			// Stored by another node already: relayed to this node's peers as it is.
			this.relayRun([{ update, origin: null }], false);
			if (this.remoteTouched) for (const id of touchedCards(transaction)) this.remoteTouched.add(id);
			return;
		}
		const o = origin as PendingOrigin | null;
		this.unlogged.push({ update, origin: o, outbox: this.hooks.outbox?.(this, transaction, o?.userId ?? null) });
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			setImmediate(() => void this.flush());
		}
	};

	private retryTimer: NodeJS.Timeout | null = null;
	/** Times storing a batch failed (to keep the error log short). */
	private storeFailures = 0;

	private flushing: Promise<void> | null = null;

	/**
	 * Stores the accepted updates not yet in the log, then relays them; resolves when everything queued
	 * before the call is stored and relayed (or, when storing fails, left queued for a retry). Batches
	 * are stored one at a time, in order; updates accepted meanwhile form the next batch.
	 */
	flush(): Promise<void> {
		this.flushScheduled = false;
		if (!this.flushing) {
			this.flushing = this.drainLog().finally(() => {
				this.flushing = null;
			});
		}
		return this.flushing;
	}

	private async drainLog(): Promise<void> {
		while (this.unlogged.length > 0) {
			const batch = this.unlogged;
			this.unlogged = [];
			const newClients = bindingsOf(batch);
			let stored: AppendResult;
			try {
				stored = await this.store.appendBatch(
					this.boardId,
					batch.map(({ update, origin, outbox }) => ({ update, userId: origin?.userId ?? null, activity: origin?.activity ?? [], outbox })),
					newClients
				);
			} catch (err) {
				// Not stored, so not relayed. The process keeps the updates (in the document and in this queue)
				// and tries again; a failure here must not take the whole server down.
				this.unlogged = batch.concat(this.unlogged);
				this.storeFailures++;
				if (this.storeFailures === 1 || this.storeFailures % 100 === 0) {
					console.error(`board ${this.boardId}: storing ${batch.length} update(s) failed (${String(err)}); retrying`);
				}
				this.retryTimer ??= setTimeout(() => {
					this.retryTimer = null;
					void this.flush();
				}, 50);
				return;
			}
			this.logLength += batch.length;
			this.advance(stored);
			const changed = new Set<string>();
			for (const { origin } of batch) if (origin) for (const a of origin.activity) if (a.cardId) changed.add(a.cardId);
			try {
				this.relay(batch, stored.firstSeq);
			} catch (err) {
				// Stored already: clients that missed the relay get it from their next sync.
				console.error(`board ${this.boardId}: relay failed (${String(err)})`);
			}
			if (changed.size > 0) this.hooks.onChanged?.(this, changed);
		}
	}

	/** Moves `lastSeq` past a stored range, or, when the range does not follow it, catches up. */
	private advance({ firstSeq, lastSeq }: AppendResult): void {
		if (lastSeq <= this.lastSeq) return;
		if (firstSeq === this.lastSeq + 1) this.lastSeq = lastSeq;
		else void this.catchUp();
	}

	/**
	 * Sends a stored batch to the peers: one message per peer for each run of up to MERGE_LIMIT
	 * updates (usually the whole batch). Under load a turn's batch holds many updates, and one socket
	 * write per peer instead of one per update is what keeps the relay from drowning in system calls.
	 */
	private relay(batch: { update: Uint8Array; origin: PendingOrigin | null }[], firstSeq: number): void {
		for (let i = 0; i < batch.length; i += MERGE_LIMIT) {
			const run = batch.slice(i, i + MERGE_LIMIT);
			const merged = this.relayRun(run, true);
			if (this.hooks.stored) {
				this.hooks.stored(this, { firstSeq: firstSeq + i, lastSeq: firstSeq + i + run.length - 1, update: merged, bindings: bindingsOf(run) });
			}
		}
	}

	/**
	 * When the run comes from one peer (the usual case), that peer is not sent its own updates. When
	 * several peers sent updates in the same turn (only under load), everyone gets the same merged
	 * message, senders included: a Yjs client ignores what it already has, and one merge and one frame
	 * for all is far cheaper than a separate merge for each sender.
	 */
	private relayRun(run: { update: Uint8Array; origin: PendingOrigin | null }[], skipSoleSender: boolean): Uint8Array {
		const all = run.length === 1 ? run[0].update : Y.mergeUpdates(run.map((b) => b.update));
		if (this.cachedBase) {
			this.cachedTail.push(all);
			if (this.cachedTail.length > MAX_CACHED_TAIL) this.dropCache();
		}
		if (this.peers.size === 0) return all;
		const senders = new Set<Peer | null>(run.map((b) => b.origin?.peer ?? null));
		const soleSender = skipSoleSender && senders.size === 1 ? [...senders][0] : null;
		const message = new Outgoing(encodeUpdate(all));
		for (const peer of this.peers.keys()) if (peer !== soleSender) peer.sendShared(message);
		return all;
	}

	/**
	 * A run of updates another node stored. Applied when it follows `lastSeq`; ignored when already
	 * here; when something between is missing, the room reads it back from storage.
	 */
	applyRemote(run: StoredRun): void {
		if (this.broken || run.lastSeq <= this.lastSeq) return;
		if (run.firstSeq !== this.lastSeq + 1) {
			void this.catchUp();
			return;
		}
		for (const b of run.bindings) this.owners.set(b.clientId, b.userId);
		// The node that accepted these updates writes their cards' rows; this one only relays them.
		if (this.applyStored([run.update])) this.lastSeq = run.lastSeq;
	}

	/** Cards touched by stored bytes read back during a catch-up (their rows may be older than them). */
	private remoteTouched: Set<string> | null = null;

	private catching: Promise<void> | null = null;

	/**
	 * Reads what other nodes stored after `lastSeq` and applies it (a missed cluster message, a node
	 * joining late, a client arriving). Concurrent calls share one read.
	 */
	catchUp(): Promise<void> {
		this.catching ??= this.readMissing().finally(() => {
			this.catching = null;
		});
		return this.catching;
	}

	private async readMissing(): Promise<void> {
		const from = this.lastSeq;
		const missing = await this.store.loadSince(this.boardId, from);
		if (this.broken || missing.lastSeq <= this.lastSeq) return;
		// Bindings made with what was missed (their messages were missed too).
		const owners = await this.store.clientOwners(this.boardId);
		if (this.broken) return;
		for (const [clientId, userId] of owners) if (!this.owners.has(clientId)) this.owners.set(clientId, userId);
		if (missing.lastSeq <= this.lastSeq) return;
		const pieces = [...(missing.state ? [missing.state] : []), ...missing.updates.map((u) => u.data)];
		const touched = new Set<string>();
		this.remoteTouched = touched;
		try {
			if (pieces.length > 0 && !this.applyStored(pieces)) return;
		} finally {
			this.remoteTouched = null;
		}
		this.lastSeq = Math.max(this.lastSeq, missing.lastSeq);
		// What was missed may have been projected by a node that lacked something this one has: the cards
		// it touched are written again (rows projected from a later document are kept, see writeCard).
		if (touched.size > 0) this.hooks.onChanged?.(this, touched);
	}

	/** Applies stored bytes (from another node); false, and the room asks to be reloaded, if Yjs fails. */
	private applyStored(pieces: Uint8Array[]): boolean {
		const doc = this.doc;
		try {
			doc.transact(() => {
				for (const p of pieces) Y.applyUpdate(doc, p, REMOTE);
			}, REMOTE);
			if (!this.hasPending(doc)) return true;
		} catch (err) {
			console.error(`board ${this.boardId}: an update stored by another node failed to apply (${String(err).slice(0, 300)})`);
		}
		this.broken = true;
		this.hooks.onBroken?.(this);
		return false;
	}

	/**
	 * Presence from another node's connections. The server there stamped each entry with its user: the
	 * client ids it names are bound to those users here too, so that nobody can take over, on this
	 * node, a client id that someone uses on another one.
	 */
	applyRemotePresence(update: Uint8Array): void {
		for (const entry of decodePresence(update, Number.MAX_SAFE_INTEGER)) {
			const user = entry.state?.user as { id?: unknown } | undefined;
			if (typeof user?.id === 'string' && !this.owners.has(entry.clientId)) this.owners.set(entry.clientId, user.id);
		}
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
	}

	private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
		const changed = added.concat(updated, removed);
		const peer = origin as Peer | null;
		const owned = peer ? this.peers.get(peer) : undefined;
		if (owned) {
			for (const id of added) owned.add(id);
			for (const id of removed) owned.delete(id);
		}
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		const message = new Outgoing(encodeAwareness(update));
		for (const p of this.peers.keys()) p.sendShared(message);
		if (origin !== REMOTE) this.hooks.presence?.(this, update);
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
	async syncStep2For(stateVector: Uint8Array): Promise<Uint8Array[]> {
		Y.decodeStateVector(stateVector); // throws on garbage, before any work
		// A client is never sent state that is not stored yet (accepted updates wait for their batch).
		for (let i = 0; i < 5 && (this.unlogged.length > 0 || this.flushing); i++) await this.flush();
		if (isEmptyStateVector(stateVector)) {
			if (!this.cachedBase) {
				this.cachedBase = Y.encodeStateAsUpdate(this.doc);
				this.cachedTail = [];
			}
			// The updates since the base go first: the client keeps them pending until step 2 brings the
			// base, so that when it marks itself synced (on step 2) it already has everything.
			return [...this.cachedTail.map(encodeUpdate), encodeSyncStep2(this.cachedBase)];
		}
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
	check(userId: string, guard: GuardContext, update: Uint8Array): Verdict & { newClients?: number[]; afterCatchUp?: boolean } {
		const doc = this.doc;
		let structure;
		try {
			structure = analyzeUpdate(doc, update, { userId, owners: this.owners, ownedCount: this.ownedCount.get(userId) ?? 0 }, this.limits);
		} catch (err) {
			if (err instanceof RefusedUpdate) {
				const refusal: SyncRefusal = { code: 'update_invalid', params: { rule: err.code } };
				return { ok: false, refusal, afterCatchUp: this.clustered && STALENESS_CODES.has(err.code) };
			}
			throw err;
		}
		const verdict = checkUpdate(doc, guard, structure);
		return verdict.ok ? { ...verdict, newClients: structure.newClients } : verdict;
	}

	/** Checks and applies a client update. Throws on an update that cannot be decoded. */
	applyClientUpdate(peer: Peer, update: Uint8Array): ApplyResult {
		if (this.broken) return { ok: false, refusal: { code: 'board_reloading' } };
		const verdict = this.check(peer.userId, peer.guard, update);
		if (!verdict.ok) return { ok: false, refusal: verdict.refusal, afterCatchUp: verdict.afterCatchUp };
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
			return { ok: false, refusal: { code: 'update_quarantined' } };
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
		const entry: QuarantineEntry = { updateId: null, userId: origin.userId, data: update, cause: 'apply_failed', reason: String(err).slice(0, 500) };
		this.background('quarantine', () => this.store.quarantine(this.boardId, entry));
		void this.flush();
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
			const bindings = fresh.map((clientId) => ({ clientId, userId: peer.userId }));
			this.background('binding client ids', () => this.store.bindClients(this.boardId, bindings));
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

	/** Stores what is queued, then lets the document go. */
	async close(): Promise<void> {
		await this.flush();
		await this.settled();
		this.destroy();
	}

	destroy(): void {
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.unintegrated = null;
		this.ydoc.off('update', this.onDocUpdate);
		this.awareness.off('update', this.onAwarenessUpdate);
		this.awareness.destroy();
		this.ydoc.destroy();
	}
}
