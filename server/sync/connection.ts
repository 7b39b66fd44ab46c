/**
 * One client's WebSocket on a board: decodes its frames, enforces the size limit, the read-only
 * rule and the awareness rate, and hands updates to the room. A bad frame closes only this socket.
 */
import type { WSContext } from 'hono/ws';
import { MessageType, SyncStep, CloseCode, decodeClientMessage, encodePermissionDenied } from './protocol.js';
import type { Room, Peer } from './room.js';
import { directSocket, type Outgoing } from './broadcast.js';
import type { GuardContext } from './document-guard.js';
import type { PresenceIdentity } from './presence.js';
import { isReadOnlyRole } from '../../src/lib/core/permissions.js';

export interface ConnectionLimits {
	maxMessageBytes: number;
	/** Awareness messages per second a client may send (bursts up to twice that). */
	awarenessPerSecond: number;
}

const OPEN = 1;

/** An update with no structs and no deletions (what Yjs encodes as the two bytes 0, 0). */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export class Connection implements Peer {
	private tokens: number;
	private lastRefill = Date.now();
	private lastDeniedAt = 0;
	closed = false;

	constructor(
		private ws: WSContext,
		readonly userId: string,
		/** The session the socket was opened with: it closes when that session ends. */
		readonly sessionId: string,
		readonly identity: PresenceIdentity,
		readonly guard: GuardContext,
		private room: Room,
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

	receive(data: unknown): void {
		if (this.closed) return;
		if (!(data instanceof ArrayBuffer)) return this.close(CloseCode.Malformed, 'binary frames only');
		if (data.byteLength > this.limits.maxMessageBytes) return this.close(CloseCode.TooLarge, 'message too large');
		const frame = new Uint8Array(data);
		try {
			this.handle(frame);
		} catch {
			this.close(CloseCode.Malformed, 'malformed message');
		}
	}

	private handle(frame: Uint8Array): void {
		const msg = decodeClientMessage(frame);
		switch (msg.type) {
			case MessageType.Sync:
				if (msg.step === SyncStep.Step1) {
					for (const frame of this.room.syncStep2For(msg.stateVector)) this.send(frame);
					return;
				}
				// Every client answers the server's step 1 with a step 2, empty when it has nothing new:
				// that is not a write, and must not be refused.
				if (isEmptyUpdate(msg.update)) return;
				if (isReadOnlyRole(this.guard.subject.role)) return this.deny('Tài khoản chỉ có quyền xem');
				{
					const result = this.room.applyClientUpdate(this, msg.update);
					if (!result.ok) this.deny(result.reason);
				}
				return;
			case MessageType.Awareness:
				if (this.takeAwarenessToken()) this.room.applyAwareness(this, msg.update);
				return;
			case MessageType.QueryAwareness:
				this.send(this.room.awarenessFrame());
				return;
			case MessageType.Auth:
				return;
		}
	}

	/** Tells the client its update was refused; at most once a second, so a looping client cannot flood. */
	private deny(reason: string) {
		const now = Date.now();
		if (now - this.lastDeniedAt < 1000) return;
		this.lastDeniedAt = now;
		this.send(encodePermissionDenied(reason));
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
