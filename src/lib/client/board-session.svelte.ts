/**
 * One open board in the browser: its Y.Doc kept in IndexedDB (so it opens and edits offline), synced
 * over the stock y-websocket provider, mirrored into plain card objects for rendering, and the
 * presence of the others on the board (awareness). Edits go through board-doc.ts only.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import * as authProtocol from 'y-protocols/auth';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { addComment, cardsMap, deleteComment, editComment, moveCard, setProgress, setStatus, touchCard, type Actor } from '../core/board-doc.js';
import type { Status } from '../core/board-types.js';
import { isReadOnlyRole, type Role } from '../core/permissions.js';
import { BoardMirror, type MirrorSnapshot } from './board-mirror.js';
import { presenceColor } from '../core/presence-colors.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'offline';
export type BoardFailure = 'notSignedIn' | 'forbidden' | 'notFound';

export interface BoardUser {
	id: string;
	name: string;
	role: Role;
	agencyId: string | null;
	agencyShortName: string;
}

/** What each client publishes about itself (awareness state). */
export interface PresenceState {
	user: { id: string; name: string; agencyShortName: string; color: string };
	/** The card whose drawer is open. */
	cardId: string | null;
	/** Where the caret is in that card's result text (Yjs relative positions, as JSON). */
	caret?: { cardId: string; anchor: unknown; head: unknown } | null;
}

export interface Peer extends PresenceState {
	clientId: number;
	self: boolean;
}

export interface SessionHooks {
	/**
	 * The server refused an update: `reason` as sent (a refusal code, `update_invalid:<rule>`; worded
	 * by refusalText), `reset` whether the local copy was reloaded from the server.
	 */
	onDenied?(reason: string, reset: boolean): void;
	agencyName?: (id: string) => string | undefined;
}

const CLOSE_FAILURES: Record<number, BoardFailure> = { 4401: 'notSignedIn', 4403: 'forbidden', 4404: 'notFound' };
const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
/**
 * An edit sent on an open socket is confirmed by asking the server for what we lack (sync step 1):
 * its answer (step 2) comes after the edit on the same ordered socket. Unanswered this long, the
 * edit is shown as unsent; unanswered at ACK_DEAD_MS, the socket is taken for dead and replaced
 * (a phone on a weak connection keeps a socket that no longer carries anything).
 */
const ACK_SHOW_MS = 1000;
const ACK_DEAD_MS = 4000;
const PROBE_DELAY_MS = 150;
/** A second refusal this soon after a reset is only reported: never loop on reloading. */
const RESET_COOLDOWN_MS = 10_000;

export class BoardSession {
	doc = $state.raw<Y.Doc>(new Y.Doc());
	snapshot = $state.raw<MirrorSnapshot | null>(null);
	/** The board can be shown: from the local copy or from the server. */
	ready = $state(false);
	/** The local copy has been read (and may be empty). */
	localLoaded = $state(false);
	connection = $state<ConnectionState>('connecting');
	synced = $state(false);
	/** Local edits made while not synced, not yet sent to the server. */
	pending = $state(0);
	/** Edits sent on the open socket that the server has not confirmed for a second or more. */
	unconfirmed = $state(0);
	/** The browser says it has a network (navigator.onLine and its online/offline events). */
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	failure = $state<BoardFailure | null>(null);
	peers = $state.raw<Peer[]>([]);
	/** Bumped whenever the document is replaced (a reset from the server). */
	generation = $state(0);

	private provider: WebsocketProvider | null = null;
	private idb: IndexeddbPersistence | null = null;
	private mirror: BoardMirror | null = null;
	private unsubscribe: (() => void) | null = null;
	private lastReset = 0;
	private presence: Omit<PresenceState, 'user'> = { cardId: null, caret: null };
	private destroyed = false;
	/** Edits sent on the socket and not yet confirmed, and the probes waiting for an answer. */
	private unacked = 0;
	private probes: { covers: number; sentAt: number }[] = [];
	private probeTimer: ReturnType<typeof setTimeout> | null = null;
	private ackTimer: ReturnType<typeof setInterval> | null = null;
	private probedApi = false;
	private readonly onOnline = () => this.setOnline(true);
	private readonly onOffline = () => this.setOnline(false);

	constructor(
		readonly boardId: string,
		readonly user: BoardUser,
		private hooks: SessionHooks = {}
	) {
		this.pending = this.readPending();
		this.setup();
		window.addEventListener('online', this.onOnline);
		window.addEventListener('offline', this.onOffline);
		this.ackTimer = setInterval(() => this.checkAcks(), 250);
	}

	/** Unsent edits as the user should see them: queued offline, or sent and not confirmed in time. */
	get unsent(): number {
		return this.pending + this.unconfirmed;
	}

	private setOnline(online: boolean) {
		this.online = online;
		const provider = this.provider;
		if (!provider) return;
		if (online) {
			if (this.failure === null) provider.connect();
		} else {
			// The socket may stay "open" for half a minute after the network is gone: stop trusting it now.
			provider.disconnect();
			this.connection = 'offline';
		}
	}

	private sendProbe() {
		this.probeTimer = null;
		const provider = this.provider;
		const ws = provider?.ws;
		if (!provider || !ws || !provider.wsconnected || this.unacked === 0) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, provider.doc);
		try {
			ws.send(encoding.toUint8Array(encoder));
		} catch {
			return;
		}
		this.probes.push({ covers: this.unacked, sentAt: Date.now() });
	}

	/** A sync step 2 arrived: the oldest probe is answered, and the edits it covered reached the server. */
	private acknowledge() {
		const probe = this.probes.shift();
		if (!probe) return;
		this.unacked = Math.max(0, this.unacked - probe.covers);
		for (const p of this.probes) p.covers = Math.max(0, p.covers - probe.covers);
		this.checkAcks();
	}

	private checkAcks() {
		const oldest = this.probes[0];
		const age = oldest ? Date.now() - oldest.sentAt : 0;
		const shown = oldest && age >= ACK_SHOW_MS ? this.unacked : 0;
		if (this.unconfirmed !== shown) this.unconfirmed = shown;
		const provider = this.provider;
		if (oldest && age >= ACK_DEAD_MS && provider?.ws) {
			// y-websocket's own watchdog closes and reopens a socket that has been silent too long.
			provider.wsLastMessageReceived = 0;
			this.probes = [];
		}
	}

	/** The socket closed: whatever it had not confirmed waits for the next connection, counted as unsent. */
	private socketLost() {
		if (this.unacked > 0) this.writePending(this.pending + this.unacked);
		this.unacked = 0;
		this.probes = [];
		this.unconfirmed = 0;
	}

	get actor(): Actor {
		return { userId: this.user.id, agencyId: this.user.agencyId };
	}

	get awareness() {
		return this.provider?.awareness ?? null;
	}

	private get storageName(): string {
		return `phoihop/${this.user.id}/board/${this.boardId}`;
	}

	private get pendingKey(): string {
		return `phoihop.pending.${this.user.id}.${this.boardId}`;
	}

	private readPending(): number {
		try {
			return Number(localStorage.getItem(this.pendingKey) ?? 0) || 0;
		} catch {
			return 0;
		}
	}

	private writePending(n: number) {
		this.pending = n;
		try {
			if (n > 0) localStorage.setItem(this.pendingKey, String(n));
			else localStorage.removeItem(this.pendingKey);
		} catch {
			// Without storage the count is only lost on reload; the edits are in IndexedDB anyway.
		}
	}

	private setup() {
		const doc = new Y.Doc();
		this.doc = doc;
		this.ready = false;
		this.localLoaded = false;
		this.synced = false;

		const mirror = new BoardMirror(doc, { agencyName: this.hooks.agencyName });
		this.mirror = mirror;
		this.unsubscribe = mirror.subscribe((s) => {
			this.snapshot = s;
			if (!this.ready && s.cards.length > 0 && this.localLoaded) this.ready = true;
		});

		let idb: IndexeddbPersistence | null = null;
		try {
			idb = new IndexeddbPersistence(this.storageName, doc);
			this.idb = idb;
			idb.on('synced', () => {
				this.localLoaded = true;
				if (cardsMap(doc).size > 0) this.showNow();
			});
		} catch {
			// No IndexedDB (a locked-down browser): the board works online only.
			this.localLoaded = true;
		}

		const url = location.origin.replace(/^http/, 'ws') + '/sync';
		const provider = new WebsocketProvider(url, `board/${this.boardId}`, doc, {
			disableBc: true,
			maxBackoffTime: 5000,
			connect: this.online
		});
		this.provider = provider;
		if (!this.online) this.connection = 'offline';
		const handleSync = provider.messageHandlers[MESSAGE_SYNC];
		provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
			const answer = decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
			handleSync(encoder, decoder, p, emitSynced, messageType);
			if (answer) this.acknowledge();
		};
		provider.messageHandlers[MESSAGE_AUTH] = (_encoder: encoding.Encoder, decoder: decoding.Decoder, p: WebsocketProvider) =>
			authProtocol.readAuthMessage(decoder, p.doc, (_d, reason) => this.denied(reason));
		provider.on('status', ({ status }) => {
			this.connection = !this.online && status !== 'connected' ? 'offline' : status;
			if (status !== 'connected') this.socketLost();
		});
		provider.on('sync', (isSynced: boolean) => {
			this.synced = isSynced;
			if (isSynced) {
				this.writePending(0);
				this.localLoaded = true;
				this.showNow();
			}
		});
		provider.on('connection-close', (event: CloseEvent | null) => {
			const failure = event ? CLOSE_FAILURES[event.code] : undefined;
			if (!failure && !this.synced && cardsMap(doc).size === 0) void this.probeApi();
			if (failure) {
				this.failure = failure;
				provider.disconnect();
				if (failure === 'notSignedIn') location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
			}
		});
		doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin === provider || origin === idb) return;
			if (!(provider.wsconnected && provider.synced)) {
				this.writePending(this.pending + 1);
				return;
			}
			this.unacked++;
			this.probeTimer ??= setTimeout(() => this.sendProbe(), PROBE_DELAY_MS);
		});

		const awareness = provider.awareness;
		awareness.on('change', () => this.readPeers());
		this.publishPresence();
	}

	/**
	 * A socket that closes before any sync, with nothing stored locally, may never say why (a proxy,
	 * a dropped upgrade): the HTTP API's answer for the board tells a deleted board from a bad network.
	 */
	private async probeApi() {
		if (this.probedApi || !this.online) return;
		this.probedApi = true;
		try {
			const res = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}`, { method: 'HEAD', credentials: 'same-origin' });
			const failure: BoardFailure | null = res.status === 404 ? 'notFound' : res.status === 403 ? 'forbidden' : null;
			if (failure && !this.destroyed) {
				this.failure = failure;
				this.provider?.disconnect();
			}
		} catch {
			// Offline or unreachable: the chip already says so.
		}
	}

	private showNow() {
		this.snapshot = this.mirror?.flush() ?? this.snapshot;
		this.ready = true;
	}

	private teardown() {
		if (this.probeTimer) clearTimeout(this.probeTimer);
		this.probeTimer = null;
		this.socketLost();
		this.unsubscribe?.();
		this.mirror?.destroy();
		if (this.provider) {
			this.provider.awareness.setLocalState(null);
			this.provider.destroy();
		}
		this.idb?.destroy();
		this.doc.destroy();
		this.provider = null;
		this.idb = null;
		this.mirror = null;
	}

	private denied(reason: string) {
		// A read-only account's empty sync answer is refused too: nothing of theirs was lost.
		if (isReadOnlyRole(this.user.role)) return;
		const now = Date.now();
		const reset = now - this.lastReset > RESET_COOLDOWN_MS;
		this.hooks.onDenied?.(reason, reset);
		if (reset) {
			this.lastReset = now;
			void this.resetFromServer();
		}
	}

	/**
	 * A refused update stays in the local copy and would be offered (and refused) again on every
	 * reconnect, holding back everything after it; the local copy is dropped and reloaded instead.
	 */
	async resetFromServer(): Promise<void> {
		this.teardown();
		try {
			await clearDocument(this.storageName);
		} catch {
			// The old copy may survive; the next refusal will be reported again.
		}
		this.writePending(0);
		if (this.destroyed) return;
		this.setup();
		this.generation++;
	}

	/** Agency names arrived (search text includes them). */
	setAgencyName(fn: (id: string) => string | undefined) {
		this.hooks.agencyName = fn;
		this.mirror?.setAgencyName(fn);
	}

	// — presence —

	setOpenCard(cardId: string | null) {
		if (this.presence.cardId === cardId) return;
		this.presence = { cardId, caret: null };
		this.publishPresence();
	}

	setCaret(caret: PresenceState['caret']) {
		this.presence = { ...this.presence, caret };
		this.publishPresence();
	}

	private publishPresence() {
		const state: PresenceState = {
			user: {
				id: this.user.id,
				name: this.user.name,
				agencyShortName: this.user.agencyShortName,
				color: presenceColor(this.user.id)
			},
			...this.presence
		};
		this.provider?.awareness.setLocalState(state);
	}

	private readPeers() {
		const awareness = this.provider?.awareness;
		if (!awareness) return;
		const peers: Peer[] = [];
		awareness.getStates().forEach((state, clientId) => {
			const s = state as Partial<PresenceState>;
			if (!s.user || typeof s.user.id !== 'string') return;
			peers.push({
				clientId,
				self: clientId === awareness.clientID,
				user: s.user,
				cardId: typeof s.cardId === 'string' ? s.cardId : null,
				caret: s.caret ?? null
			});
		});
		this.peers = peers;
	}

	// — edits (each one a board-doc.ts call) —

	setStatus(cardId: string, status: Status) {
		setStatus(this.doc, cardId, status, this.actor);
	}

	/** Records the user as the card's last editor (after typing in its result text). */
	touch(cardId: string) {
		touchCard(this.doc, cardId, this.actor);
	}

	setProgress(cardId: string, progress: number) {
		setProgress(this.doc, cardId, progress, this.actor);
	}

	move(cardId: string, status: Status, index: number) {
		moveCard(this.doc, cardId, { status, index }, this.actor);
	}

	addComment(cardId: string, body: string) {
		return addComment(this.doc, cardId, { body }, this.actor);
	}

	editComment(cardId: string, commentId: string, body: string) {
		editComment(this.doc, cardId, commentId, body, this.actor);
	}

	deleteComment(cardId: string, commentId: string) {
		deleteComment(this.doc, cardId, commentId, this.actor);
	}

	destroy() {
		this.destroyed = true;
		window.removeEventListener('online', this.onOnline);
		window.removeEventListener('offline', this.onOffline);
		if (this.ackTimer) clearInterval(this.ackTimer);
		this.teardown();
	}
}
