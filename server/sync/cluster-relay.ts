/**
 * Board updates and presence between the nodes of a cluster. A node publishes each run of updates it
 * stored (with its sequence numbers, the client ids it bound and the cards it touched) and the
 * presence of its own connections on the board's topic; every node with the board open applies what
 * the others publish. A node notices a missed message from the sequence numbers (Room.applyRemote) and
 * reads the gap back from the database; after a Redis reconnect, and every few seconds in any case, it
 * compares its open boards with the stored heads, so a board whose messages all went missing (Redis
 * down, nobody writing afterwards) still catches up.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Bus, BusHandler } from '../cluster/bus.js';
import type { BoardStore } from './board-store.js';
import type { Room, StoredRun } from './room.js';
import type { Rooms, RoomsCluster } from './rooms.js';

const enum Kind {
	Updates = 0,
	Presence = 1
}

/** How often open boards are compared with the stored heads. */
const HEAD_CHECK_MS = 2_000;

export function encodeRun(run: StoredRun): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, Kind.Updates);
	encoding.writeVarUint(e, run.firstSeq);
	encoding.writeVarUint(e, run.lastSeq);
	encoding.writeVarUint(e, run.bindings.length);
	for (const b of run.bindings) {
		encoding.writeVarUint(e, b.clientId);
		encoding.writeVarString(e, b.userId);
	}
	encoding.writeVarUint8Array(e, run.update);
	return encoding.toUint8Array(e);
}

function encodePresence(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, Kind.Presence);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

export type RelayMessage = { kind: 'updates'; run: StoredRun } | { kind: 'presence'; update: Uint8Array };

export function decodeMessage(payload: Uint8Array): RelayMessage {
	const d = decoding.createDecoder(payload);
	const kind = decoding.readVarUint(d);
	if (kind === Kind.Presence) return { kind: 'presence', update: decoding.readVarUint8Array(d) };
	if (kind !== Kind.Updates) throw new Error(`unknown message kind ${kind}`);
	const firstSeq = decoding.readVarUint(d);
	const lastSeq = decoding.readVarUint(d);
	const bindings = Array.from({ length: decoding.readVarUint(d) }, () => ({
		clientId: decoding.readVarUint(d),
		userId: decoding.readVarString(d)
	}));
	return { kind: 'updates', run: { firstSeq, lastSeq, bindings, update: decoding.readVarUint8Array(d) } };
}

export class ClusterRelay implements RoomsCluster {
	private handlers = new Map<string, BusHandler>();
	private timer: NodeJS.Timeout;
	/** Messages that could not be read (counted, never thrown: one bad message must not stop a node). */
	dropped = 0;

	constructor(
		private bus: Bus,
		private rooms: Rooms,
		private store: BoardStore
	) {
		bus.onReconnect(() => void this.catchUpAll());
		this.timer = setInterval(() => void this.checkHeads(), HEAD_CHECK_MS).unref();
	}

	private topic(boardId: string) {
		return `board:${boardId}`;
	}

	async watch(boardId: string): Promise<void> {
		if (this.handlers.has(boardId)) return;
		const handler: BusHandler = (payload, fromSelf) => {
			if (fromSelf) return;
			const room = this.rooms.get(boardId);
			if (!room) return;
			let msg: RelayMessage;
			try {
				msg = decodeMessage(payload);
			} catch {
				this.dropped++;
				return;
			}
			if (msg.kind === 'updates') room.applyRemote(msg.run);
			else room.applyRemotePresence(msg.update);
		};
		this.handlers.set(boardId, handler);
		await this.bus.subscribe(this.topic(boardId), handler);
	}

	unwatch(boardId: string): void {
		const handler = this.handlers.get(boardId);
		if (!handler) return;
		this.handlers.delete(boardId);
		this.bus.unsubscribe(this.topic(boardId), handler);
	}

	/** Room hook: a run of this node's updates is stored. */
	published = (room: Room, run: StoredRun): void => {
		this.bus.publish(this.topic(room.boardId), encodeRun(run));
	};

	/** Room hook: presence of this node's connections changed. */
	presence = (room: Room, update: Uint8Array): void => {
		this.bus.publish(this.topic(room.boardId), encodePresence(update));
	};

	private async catchUpAll(): Promise<void> {
		await Promise.allSettled(this.rooms.all().map((r) => r.catchUp()));
	}

	private checking = false;

	/** Boards open here that are behind the stored head read what they lack. */
	async checkHeads(): Promise<void> {
		if (this.checking) return;
		const open = this.rooms.all();
		if (open.length === 0) return;
		this.checking = true;
		try {
			const heads = await this.store.heads(open.map((r) => r.boardId));
			await Promise.allSettled(open.filter((r) => (heads.get(r.boardId) ?? 0) > r.lastSeq).map((r) => r.catchUp()));
		} catch (err) {
			console.error(`cluster: checking board heads failed (${String(err)})`);
		} finally {
			this.checking = false;
		}
	}

	stop(): void {
		clearInterval(this.timer);
		for (const boardId of [...this.handlers.keys()]) this.unwatch(boardId);
	}
}
