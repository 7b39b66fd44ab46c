/**
 * One open board: the authoritative Y.Doc, its awareness, and the connections editing it.
 * An update goes: permission check → apply → append to the log (with its attribution) → relay.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import { checkUpdate, type GuardContext } from './document-guard.js';
import type { ActivityRow, UpdateLog } from './update-log.js';

/** What a room needs of a connection. */
export interface Peer {
	readonly userId: string;
	readonly guard: GuardContext;
	send(frame: Uint8Array): void;
}

export type ApplyResult = { ok: true } | { ok: false; reason: string };

interface PendingOrigin {
	peer: Peer;
	activity: ActivityRow[];
}

export interface RoomHooks {
	/** Called after each accepted update with the cards it touched (projection, activity views). */
	onChanged?(room: Room, cardIds: Set<string>): void;
}

export class Room {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Map<Peer, Set<number>>();
	/** The last update log id folded into the in-memory document. */
	lastUpdateId = 0;
	/** Log entries written since the last compaction. */
	logLength = 0;

	constructor(
		readonly boardId: string,
		private log: UpdateLog,
		private hooks: RoomHooks = {}
	) {
		const loaded = log.load(boardId, this.doc);
		this.lastUpdateId = loaded.lastUpdateId;
		this.logLength = loaded.logLength;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', this.onDocUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
	}

	private onDocUpdate = (update: Uint8Array, origin: unknown) => {
		const pending = origin as PendingOrigin | null;
		this.lastUpdateId = this.log.append(this.boardId, update, pending?.peer.userId || null, pending?.activity ?? []);
		this.logLength++;
		const frame = encodeUpdate(update);
		for (const peer of this.peers.keys()) if (peer !== pending?.peer) peer.send(frame);
		if (pending && this.hooks.onChanged) {
			const cards = new Set<string>();
			for (const a of pending.activity) if (a.cardId) cards.add(a.cardId);
			this.hooks.onChanged(this, cards);
		}
	};

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
		const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		for (const p of this.peers.keys()) p.send(frame);
	};

	join(peer: Peer): void {
		this.peers.set(peer, new Set());
		peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
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

	/** Answers a client's sync step 1 with everything it lacks. */
	syncStep2For(stateVector: Uint8Array): Uint8Array {
		return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
	}

	/** Checks and applies a client update. Throws on an update that cannot be decoded. */
	applyClientUpdate(peer: Peer, update: Uint8Array): ApplyResult {
		const verdict = checkUpdate(this.doc, peer.guard, update);
		if (!verdict.ok) return verdict;
		Y.applyUpdate(this.doc, update, { peer, activity: verdict.activity } satisfies PendingOrigin);
		return { ok: true };
	}

	/** A change made by the server itself (an HTTP action, an attachment upload), attributed to a user. */
	applyServerChange(userId: string | null, activity: ActivityRow[], change: (doc: Y.Doc) => void): void {
		const origin = { peer: { userId: userId ?? '', guard: undefined as never, send() {} }, activity };
		this.doc.transact(() => change(this.doc), origin);
	}

	applyAwareness(peer: Peer, update: Uint8Array): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
	}

	awarenessFrame(): Uint8Array {
		return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
	}

	destroy(): void {
		this.doc.off('update', this.onDocUpdate);
		this.awareness.off('update', this.onAwarenessUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
