/** One benchmark client per server kind: a Y.Doc kept in sync through that server's own client. */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';

export type ServerKind = 'phoihop' | 'hocuspocus' | 'y-websocket' | 'relay';

export interface Endpoint {
	kind: ServerKind;
	url: string;
	room: string;
	token?: string;
	/** Who signs the edits (`updatedBy`): Phối hợp refuses edits signed by anyone but their sender. */
	userId?: string;
	/** For servers that start empty: the board's initial state, pushed by the first client. */
	seed?: Uint8Array;
}

export interface BenchClient {
	doc: Y.Doc;
	/** The user id its edits are signed with. */
	userId: string;
	/** Presence, where the client has it. */
	awareness?: Awareness;
	ready: Promise<void>;
	destroy(): void;
}

function until(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
	return new Promise((resolve, reject) => {
		const start = Date.now();
		const tick = () => {
			if (cond()) resolve();
			else if (Date.now() - start > timeoutMs) reject(new Error('client did not sync in time'));
			else setTimeout(tick, 5);
		};
		tick();
	});
}

export function connectClient(ep: Endpoint): BenchClient {
	const doc = new Y.Doc();
	switch (ep.kind) {
		case 'phoihop':
		case 'y-websocket': {
			const provider = new WebsocketProvider(ep.kind === 'phoihop' ? `${ep.url.replace(/^http/, 'ws')}/sync` : ep.url, ep.room, doc, {
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				params: ep.token ? { token: ep.token } : {},
				disableBc: true
			});
			return {
				doc,
				userId: ep.userId ?? 'bench',
				awareness: provider.awareness,
				ready: until(() => provider.synced),
				destroy: () => provider.destroy()
			};
		}
		case 'hocuspocus': {
			let synced = false;
			const provider = new HocuspocusProvider({
				url: ep.url,
				name: ep.room,
				document: doc,
				WebSocketPolyfill: WebSocket,
				onSynced: () => (synced = true)
			} as ConstructorParameters<typeof HocuspocusProvider>[0]);
			return {
				doc,
				userId: ep.userId ?? 'bench',
				ready: until(() => synced),
				destroy: () => {
					provider.destroy();
					provider.configuration.websocketProvider.destroy();
				}
			};
		}
		case 'relay': {
			if (ep.seed) Y.applyUpdate(doc, ep.seed, 'remote');
			const ws = new WebSocket(`${ep.url}/${ep.room}`);
			ws.binaryType = 'nodebuffer';
			let open = false;
			ws.on('open', () => (open = true));
			ws.on('message', (data: Buffer) => Y.applyUpdate(doc, data, 'remote'));
			doc.on('update', (u: Uint8Array, origin: unknown) => {
				if (origin !== 'remote' && ws.readyState === WebSocket.OPEN) ws.send(u);
			});
			return { doc, userId: ep.userId ?? 'bench', ready: until(() => open), destroy: () => ws.close() };
		}
	}
}
