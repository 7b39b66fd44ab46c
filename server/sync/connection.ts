/**
 * One client's WebSocket on a board: decodes its frames, enforces the size limit, the read-only
 * rule and the awareness rate, and hands updates to the room. A bad frame closes only this socket.
 *
 * Frames are handled one at a time, in order. Some answers wait (the room still loading, a sync step 2
 * waiting for the updates before it to be stored, a catch-up from other nodes): frames arriving
 * meanwhile queue here, up to a bound.
 */
import type { WSContext } from 'hono/ws';
import { MessageType, SyncStep, CloseCode, decodeClientMessage, encodePermissionDenied } from './protocol.js';
import type { Room, Peer } from './room.js';
import { directSocket, type Outgoing } from './broadcast.js';
import type { GuardContext } from './document-guard.js';
import type { PresenceIdentity } from './presence.js';
import { isReadOnlyRole } from '../../src/lib/core/permissions.js';
import type { SyncRefusal } from '../../src/lib/core/sync-refusal-codes.js';

export interface ConnectionLimits {
	maxMessageBytes: number;
	/** Awareness messages per second a client may send (bursts up to twice that). */
	awarenessPerSecond: number;
}

const OPEN = 1;
/** Frames and bytes that may wait for an answer in progress before the socket is closed. */
const MAX_QUEUED_FRAMES = 256;
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/** An update with no structs and no deletions (what Yjs encodes as the two bytes 0, 0). */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export class Connection implements Peer {
	private tokens: number;
	private lastRefill = Date.now();
	private lastDeniedAt = 0;
	closed = false;
	private queue: Uint8Array[] = [];
	private queuedBytes = 0;
	private busy = false;
	private room: Room | null = null;

	constructor(
		private ws: WSContext,
		readonly userId: string,
		/** The session the socket was opened with: it closes when that session ends. */
		readonly sessionId: string,
		readonly identity: PresenceIdentity,
		readonly guard: GuardContext,
		private limits: ConnectionLimits
	) {
		this.tokens = limits.awarenessPerSecond * 2;
	}

	send(frame: Uint8Array): void {
		if (this.closed || this.ws.readyState !== OPEN) return;
		try {
			this.ws.send(frame as Uint8Array<ArrayBuffer>);
		} catch {
			this.close(1011, 'send failed');
		}
	}

	sendShared(message: Outgoing): void {
		if (this.closed) return;
		const socket = directSocket(this.ws.raw);
		if (!socket) return this.send(message.payload);
		try {
			socket.write(message.frame);
		} catch {
			this.close(1011, 'send failed');
		}
	}

	close(code: number, reason: string): void {
		if (this.closed) return;
		this.closed = true;
		try {
			this.ws.close(code, reason);
		} catch {
			// The socket is already gone; nothing to tell the client.
		}
	}

	/** The room is ready: frames that waited for it are handled now. */
	attach(room: Room): void {
		this.room = room;
		this.pump();
	}

	receive(data: unknown): void {
		if (this.closed) return;
		if (!(data instanceof ArrayBuffer)) return this.close(CloseCode.Malformed, 'binary frames only');
		if (data.byteLength > this.limits.maxMessageBytes) return this.close(CloseCode.TooLarge, 'message too large');
		if (this.queue.length >= MAX_QUEUED_FRAMES || this.queuedBytes + data.byteLength > MAX_QUEUED_BYTES) {
			return this.close(CloseCode.TooLarge, 'too many messages waiting');
		}
		this.queue.push(new Uint8Array(data));
		this.queuedBytes += data.byteLength;
		this.pump();
	}

	private pump(): void {
		while (!this.busy && this.room && !this.closed && this.queue.length > 0) {
			const frame = this.queue.shift()!;
			this.queuedBytes -= frame.byteLength;
			let waiting: Promise<void> | void;
			try {
				waiting = this.handle(this.room, frame);
			} catch {
				return this.close(CloseCode.Malformed, 'malformed message');
			}
			if (waiting) {
				this.busy = true;
				waiting.then(
					() => {
						this.busy = false;
						this.pump();
					},
					() => this.close(CloseCode.Malformed, 'malformed message')
				);
			}
		}
	}

	private handle(room: Room, frame: Uint8Array): Promise<void> | void {
		const msg = decodeClientMessage(frame);
		switch (msg.type) {
			case MessageType.Sync:
				if (msg.step === SyncStep.Step1) {
					return room.syncStep2For(msg.stateVector).then((frames) => {
						for (const f of frames) this.send(f);
					});
				}
				// Every client answers the server's step 1 with a step 2, empty when it has nothing new:
				// that is not a write, and must not be refused.
				if (isEmptyUpdate(msg.update)) return;
				if (isReadOnlyRole(this.guard.subject.role)) return this.deny({ code: 'read_only' });
				{
					const result = room.applyClientUpdate(this, msg.update);
					if (result.ok) return;
					// Perhaps refused only because this node has not yet received what the update builds on.
					if (result.afterCatchUp) {
						const update = msg.update;
						return room.catchUp().then(() => {
							const again = room.applyClientUpdate(this, update);
							if (!again.ok) this.deny(again.refusal);
						});
					}
					this.deny(result.refusal);
				}
				return;
			case MessageType.Awareness:
				if (this.takeAwarenessToken()) room.applyAwareness(this, msg.update);
				return;
			case MessageType.QueryAwareness:
				this.send(room.awarenessFrame());
				return;
			case MessageType.Auth:
				return;
		}
	}

	/**
	 * Tells the client its update was refused, by code (`read_only`, `update_invalid:overlap`; the
	 * browser words it); at most once a second, so a looping client cannot flood.
	 */
	private deny(refusal: SyncRefusal) {
		const now = Date.now();
		if (now - this.lastDeniedAt < 1000) return;
		this.lastDeniedAt = now;
		this.send(encodePermissionDenied(refusal));
	}

	private takeAwarenessToken(): boolean {
		const now = Date.now();
		const rate = this.limits.awarenessPerSecond;
		this.tokens = Math.min(rate * 2, this.tokens + ((now - this.lastRefill) / 1000) * rate);
		this.lastRefill = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}
