/**
 * The y-websocket wire protocol: a varint message type, then its payload (y-protocols sync,
 * awareness or auth). Kept standard so that the stock WebsocketProvider is a client.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import { refusalToWire, type SyncRefusal } from '../../src/lib/core/sync-refusal-codes.js';

export enum MessageType {
	Sync = 0,
	Awareness = 1,
	Auth = 2,
	QueryAwareness = 3
}

export enum SyncStep {
	Step1 = syncProtocol.messageYjsSyncStep1,
	Step2 = syncProtocol.messageYjsSyncStep2,
	Update = syncProtocol.messageYjsUpdate
}

/** WebSocket close codes of the sync endpoint. */
export enum CloseCode {
	Malformed = 4400,
	NotSignedIn = 4401,
	Forbidden = 4403,
	NotFound = 4404,
	TooLarge = 4413,
	/** The board was reloaded from storage (after a failure): reconnect and sync again. */
	Reload = 1012
}

function encodeSync(step: SyncStep, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Sync);
	encoding.writeVarUint(e, step);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SyncStep.Step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SyncStep.Step2, update);
export const encodeUpdate = (update: Uint8Array) => encodeSync(SyncStep.Update, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Awareness);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/** The auth message "permission denied", its reason the refusal's code on the wire (`code` or `update_invalid:<rule>`). */
export function encodePermissionDenied(refusal: SyncRefusal): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Auth);
	authProtocol.writePermissionDenied(e, refusalToWire(refusal));
	return encoding.toUint8Array(e);
}

/** A decoded client message; anything else is malformed. */
export type ClientMessage =
	| { type: MessageType.Sync; step: SyncStep.Step1; stateVector: Uint8Array }
	| { type: MessageType.Sync; step: SyncStep.Step2 | SyncStep.Update; update: Uint8Array }
	| { type: MessageType.Awareness; update: Uint8Array }
	| { type: MessageType.QueryAwareness }
	| { type: MessageType.Auth };

/** Decodes one frame; throws on anything that is not a well-formed protocol message. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	const d = decoding.createDecoder(frame);
	const type = decoding.readVarUint(d);
	switch (type) {
		case MessageType.Sync: {
			const step = decoding.readVarUint(d);
			const payload = decoding.readVarUint8Array(d);
			if (step === SyncStep.Step1) return { type, step, stateVector: payload };
			if (step === SyncStep.Step2 || step === SyncStep.Update) return { type, step, update: payload };
			throw new Error(`unknown sync step ${step}`);
		}
		case MessageType.Awareness:
			return { type, update: decoding.readVarUint8Array(d) };
		case MessageType.QueryAwareness:
			return { type };
		case MessageType.Auth:
			return { type };
		default:
			throw new Error(`unknown message type ${type}`);
	}
}

/** Whether a raw client frame carries a document update (an edit), judged from its first two bytes. */
export function isDocumentUpdate(data: unknown): boolean {
	if (!(data instanceof ArrayBuffer) || data.byteLength < 2) return false;
	const b = new Uint8Array(data, 0, 2);
	return b[0] === MessageType.Sync && b[1] === SyncStep.Update;
}
