/**
 * Lightweight clients: sockets that join a board, look for edit tokens in the raw frames they are
 * sent (without applying them to a Y.Doc), and — for editors — make edits of their own from a copy
 * of the board taken at the start. With them the client process stops being the bottleneck, so
 * the latency and rate measured are the server's.
 *
 * An editor never integrates the others' edits, and needs not: inserting at the start of a text or
 * setting a map key from an older copy is an ordinary concurrent Yjs edit. (Yjs stores inserted text
 * as UTF-8 inside an update, so a token typed into a result text can be found in the frame bytes
 * whatever the protocol around it.)
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { resultText, setStatus } from '../../src/lib/core/board-doc.js';
import { STATUSES } from '../../src/lib/core/board-types.js';
import type { Endpoint } from './clients.js';

const TOKEN = /\u27e6(\d+):(\d+)\u27e7/g;

export type OnToken = (sender: number, seq: number, at: number) => void;

export interface LightClient {
	ready: Promise<void>;
	/** Types token ⟦id:seq⟧ into a card's result text (and every other edit changes its status). */
	edit(cardId: string, seq: number): void;
	destroy(): void;
}

function urlOf(ep: Endpoint): string {
	switch (ep.kind) {
		case 'phoihop':
			return `${ep.url.replace(/^http/, 'ws')}/sync/${ep.room}?token=${encodeURIComponent(ep.token ?? '')}`;
		case 'hocuspocus':
			return ep.url;
		default:
			return `${ep.url}/${ep.room}`;
	}
}

/** Hocuspocus multiplexes documents on one socket: every message starts with the document name. */
function hocuspocusMessage(room: string, write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, room);
	write(e);
	return encoding.toUint8Array(e);
}

/** Hocuspocus attaches a document to the socket only after an auth message. */
const hocuspocusAuth = (room: string) =>
	hocuspocusMessage(room, (e) => {
		encoding.writeVarUint(e, 2); // MessageType.Auth
		encoding.writeVarUint(e, 0); // AuthMessageType.Token
		encoding.writeVarString(e, '');
	});

/** The update as a y-websocket sync "update" message (what every server here but the relay expects). */
function syncUpdate(e: encoding.Encoder, update: Uint8Array) {
	encoding.writeVarUint(e, 0); // messageSync
	encoding.writeVarUint(e, 2); // messageYjsUpdate
	encoding.writeVarUint8Array(e, update);
}

function frameFor(ep: Endpoint, update: Uint8Array): Uint8Array {
	if (ep.kind === 'relay') return update;
	if (ep.kind === 'hocuspocus') return hocuspocusMessage(ep.room, (e) => syncUpdate(e, update));
	const e = encoding.createEncoder();
	syncUpdate(e, update);
	return encoding.toUint8Array(e);
}

/**
 * A light client. `id` names its own tokens (not reported back to it); `state` (the board as it
 * was at the start) is needed only to edit.
 */
export function connectLight(ep: Endpoint, id: number, state: Uint8Array | null, onToken: OnToken): LightClient {
	const ws = new WebSocket(urlOf(ep));
	let resolveReady: () => void;
	const ready = new Promise<void>((r) => (resolveReady = r));
	let frames = 0;
	ws.on('open', () => {
		if (ep.kind === 'hocuspocus') ws.send(hocuspocusAuth(ep.room));
		if (ep.kind === 'relay') resolveReady();
	});
	ws.on('message', (data: Buffer) => {
		const at = performance.now();
		// Ready once the server has talked to us (sync step 1 / authenticated).
		if (frames++ === 0) resolveReady();
		const text = data.toString('utf8');
		if (!text.includes('\u27e6')) return;
		for (const m of text.matchAll(TOKEN)) {
			const sender = Number(m[1]);
			if (sender !== id) onToken(sender, Number(m[2]), at);
		}
	});
	let doc: Y.Doc | null = null;
	if (state) {
		doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		doc.on('update', (u: Uint8Array) => {
			if (ws.readyState === WebSocket.OPEN) ws.send(frameFor(ep, u));
		});
	}
	return {
		ready,
		edit(cardId, seq) {
			if (!doc) throw new Error('a receiver cannot edit');
			const d = doc;
			d.transact(() => {
				resultText(d, cardId).insert(0, `\u27e6${id}:${seq}\u27e7`);
				if (seq % 2 === 1) setStatus(d, cardId, STATUSES[seq % 4], { userId: ep.userId ?? 'bench' });
			});
		},
		destroy: () => ws.close()
	};
}
