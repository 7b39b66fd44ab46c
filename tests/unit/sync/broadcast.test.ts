import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';

// ws's own frame parser (not in its type declarations): the client side reads unmasked server frames.
const Receiver = (createRequire(import.meta.url)('ws') as { Receiver: unknown }).Receiver as new (options: { isServer: boolean }) => Writable;
import { binaryFrame, directSocket, Outgoing } from '../../../server/sync/broadcast.js';

/** Parses frames the way a client does (ws's own receiver, unmasked server frames). */
function parse(frames: Buffer[]): Promise<Buffer[]> {
	return new Promise((resolve, reject) => {
		const out: Buffer[] = [];
		const receiver = new Receiver({ isServer: false });
		receiver.on('message', (data: Buffer, isBinary: boolean) => {
			if (!isBinary) reject(new Error('not binary'));
			out.push(data);
			if (out.length === frames.length) resolve(out);
		});
		receiver.on('error', reject);
		for (const f of frames) receiver.write(f);
	});
}

describe('pre-framed broadcast', () => {
	it('builds frames a WebSocket client reads back, at every length encoding', async () => {
		const sizes = [0, 1, 125, 126, 127, 65535, 65536, 200_000];
		const payloads = sizes.map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff)));
		const parsed = await parse(payloads.map((p) => binaryFrame(p)));
		expect(parsed.map((p) => p.length)).toEqual(sizes);
		parsed.forEach((p, i) => expect(p.equals(payloads[i])).toBe(true));
		expect(binaryFrame(Buffer.alloc(125)).length).toBe(127);
		expect(binaryFrame(Buffer.alloc(126)).length).toBe(130);
		expect(binaryFrame(Buffer.alloc(65536)).length).toBe(65546);
	});

	it('builds the frame once for all peers', () => {
		const message = new Outgoing(new Uint8Array([0, 2, 1, 7]));
		expect(message.frame).toBe(message.frame);
	});

	it('falls back to ws.send when the socket is not open or ws has frames of its own queued', () => {
		const socket = { writable: true, destroyed: false };
		const ws = (queue: unknown[], state = 0, readyState = 1) => ({ readyState, _socket: socket, _sender: { _queue: queue, _state: state } });
		expect(directSocket(ws([]))).toBe(socket);
		expect(directSocket(ws([['frame']]))).toBeNull();
		expect(directSocket(ws([], 1))).toBeNull();
		expect(directSocket(ws([], 0, 2))).toBeNull();
		expect(directSocket({ readyState: 1 })).toBeNull();
		expect(directSocket(null)).toBeNull();
	});
});
