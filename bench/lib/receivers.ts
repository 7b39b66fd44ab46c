/**
 * Lightweight receivers: sockets that join a board and only look for edit tokens in the raw frames
 * they are sent, without keeping a Y.Doc. With them the client side stops being the bottleneck, so
 * a rate ramp measures the server. (Yjs stores inserted text as UTF-8 inside an update, so a token
 * typed into a result text can be found in the frame bytes whatever the protocol around it.)
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import type { Endpoint } from './clients.js';

const TOKEN = /\u27e6(\d+):(\d+)\u27e7/g;

export interface Receiver {
	ready: Promise<void>;
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

/** Hocuspocus multiplexes documents on one socket and attaches one only after an auth message. */
function hocuspocusAuth(room: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, room);
	encoding.writeVarUint(e, 2); // MessageType.Auth
	encoding.writeVarUint(e, 0); // AuthMessageType.Token
	encoding.writeVarString(e, '');
	return encoding.toUint8Array(e);
}

export function connectReceiver(ep: Endpoint, onToken: (sender: number, seq: number, at: number) => void): Receiver {
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
		for (const m of text.matchAll(TOKEN)) onToken(Number(m[1]), Number(m[2]), at);
	});
	return { ready, destroy: () => ws.close() };
}
