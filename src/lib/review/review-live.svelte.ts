/**
 * A review session in the browser: the session record (from the API), the live board document
 * (over the board's sync room, read only here) and the awareness that lets everyone follow the
 * person in control. The controller publishes the item on screen; followers show the controller's
 * item the moment it changes. Whoever changes the record (moves on, records, hands over, closes)
 * bumps `rev` in their awareness state, and the others fetch the session again.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { cardsMap, readCard } from '../core/board-doc.js';
import type { CardData } from '../core/board-types.js';
import { presenceColor } from '../core/presence-colors.js';
import { reviewApi } from './review-api.js';
import type { ReviewAwareness, ReviewItem, ReviewRecordInput, ReviewSession } from './review-types.js';

export interface ReviewUser {
	id: string;
	name: string;
	agencyShortName: string;
}

export interface ReviewPeer {
	clientId: number;
	userId: string;
	name: string;
	color: string;
	self: boolean;
}

interface AwarenessState {
	user?: { id: string; name: string; agencyShortName?: string; color?: string };
	review?: ReviewAwareness;
}

/** y-websocket's message type for auth (permission denied) messages. */
const MESSAGE_AUTH = 2;

function syncUrl(): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

export class ReviewLive {
	session = $state.raw<ReviewSession | null>(null);
	error = $state<string | null>(null);
	connected = $state(false);
	peers = $state.raw<ReviewPeer[]>([]);
	/** The server's clock, ticking each second (timers never depend on the viewer's clock). */
	now = $state(Date.now());
	/** Bumped on every change of the board document, so live card reads re-run. */
	docVersion = $state(0);
	/** The item the controller has on screen, as their awareness says. */
	private controllerItem = $state<string | null>(null);
	/** The item this client shows while it is in control (ahead of the server's answer). */
	private localItem = $state<string | null>(null);

	private readonly doc = new Y.Doc();
	private provider: WebsocketProvider | null = null;
	private offset = 0;
	private rev = 0;
	private seenRevs = new Map<number, number>();
	private ticker: ReturnType<typeof setInterval> | null = null;
	private refreshing: Promise<void> | null = null;

	constructor(
		readonly boardId: string,
		readonly sessionId: string,
		readonly me: ReviewUser
	) {}

	async start(): Promise<void> {
		try {
			this.apply(await reviewApi.join(this.sessionId));
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
			return;
		}
		const provider = new WebsocketProvider(syncUrl(), `board/${this.boardId}`, this.doc, { disableBc: true });
		this.provider = provider;
		// This page never writes to the board, so a refusal (a read-only role's empty sync reply) says nothing.
		provider.messageHandlers[MESSAGE_AUTH] = () => {};
		provider.on('status', (e: { status: string }) => (this.connected = e.status === 'connected'));
		this.doc.on('update', () => this.docVersion++);
		provider.awareness.on('change', this.onAwareness);
		this.publish();
		this.ticker = setInterval(() => (this.now = Date.now() + this.offset), 1000);
	}

	destroy(): void {
		if (this.ticker) clearInterval(this.ticker);
		this.provider?.awareness.off('change', this.onAwareness);
		this.provider?.destroy();
		this.doc.destroy();
	}

	get inControl(): boolean {
		return !!this.session && this.session.status === 'open' && this.session.controllerId === this.me.id;
	}

	get controllerName(): string {
		return this.session?.controllerName ?? '';
	}

	/** The item on screen: one's own choice when in control, else the controller's, else the server's. */
	get currentItemId(): string | null {
		const s = this.session;
		if (!s) return null;
		const fallback = s.currentItemId ?? s.items[0]?.id ?? null;
		if (this.inControl) return this.localItem ?? fallback;
		return this.controllerItem ?? fallback;
	}

	get currentItem(): ReviewItem | null {
		const id = this.currentItemId;
		return this.session?.items.find((i) => i.id === id) ?? null;
	}

	/** The card of an item as it is on the board right now (null when it has been removed). */
	liveCard(cardId: string): CardData | null {
		void this.docVersion;
		const m = cardsMap(this.doc).get(cardId);
		return m ? readCard(cardId, m) : null;
	}

	itemElapsedMs(item: ReviewItem): number {
		const s = this.session;
		const running = s && s.status === 'open' && s.currentItemId === item.id && s.currentSince;
		return item.elapsedMs + (running ? Math.max(0, this.now - Date.parse(s.currentSince!)) : 0);
	}

	meetingElapsedMs(): number {
		const s = this.session;
		if (!s?.startedAt) return 0;
		const end = s.closedAt ? Date.parse(s.closedAt) : this.now;
		return Math.max(0, end - Date.parse(s.startedAt));
	}

	/** Moves the meeting to an item (only the person in control). */
	async go(itemId: string): Promise<void> {
		if (!this.inControl) return;
		this.localItem = itemId;
		this.publish();
		await this.act(() => reviewApi.current(this.sessionId, itemId));
	}

	step(delta: 1 | -1): Promise<void> {
		const items = this.session?.items ?? [];
		const i = items.findIndex((x) => x.id === this.currentItemId);
		const next = items[i + delta];
		return next ? this.go(next.id) : Promise.resolve();
	}

	record(itemId: string, input: ReviewRecordInput) {
		return this.act(() => reviewApi.record(this.sessionId, itemId, input));
	}

	reorder(itemIds: string[]) {
		return this.act(() => reviewApi.reorder(this.sessionId, itemIds));
	}

	handOver(userId: string | null) {
		return this.act(() => reviewApi.control(this.sessionId, userId));
	}

	close() {
		return this.act(() => reviewApi.close(this.sessionId));
	}

	async refresh(): Promise<void> {
		// Several peers may announce changes at once: one request answers them all.
		this.refreshing ??= reviewApi
			.get(this.sessionId)
			.then((s) => this.apply(s))
			.catch((e) => {
				this.error = e instanceof Error ? e.message : String(e);
			})
			.finally(() => (this.refreshing = null));
		return this.refreshing;
	}

	/** Runs a change on the server, takes its answer, and tells the others to fetch it. */
	private async act(call: () => Promise<ReviewSession>): Promise<void> {
		this.error = null;
		try {
			this.apply(await call());
			this.rev++;
			this.publish();
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
			throw e;
		}
	}

	private apply(s: ReviewSession) {
		this.offset = Date.parse(s.serverNow) - Date.now();
		this.now = Date.now() + this.offset;
		const wasInControl = this.inControl;
		this.session = s;
		// Control just arrived: carry on from the item everyone was looking at.
		if (!wasInControl && this.inControl) this.localItem = this.controllerItem ?? s.currentItemId;
		if (!this.inControl) this.localItem = null;
		this.publish();
	}

	private publish() {
		const s = this.session;
		if (!this.provider || !s) return;
		const review: ReviewAwareness = { sessionId: s.id, itemId: this.currentItemId, controllerId: s.controllerId, rev: this.rev };
		this.provider.awareness.setLocalState({
			user: { id: this.me.id, name: this.me.name, agencyShortName: this.me.agencyShortName, color: presenceColor(this.me.id) },
			cardId: null,
			review
		});
	}

	private onAwareness = () => {
		const provider = this.provider;
		const s = this.session;
		if (!provider || !s) return;
		const peers: ReviewPeer[] = [];
		let controllerItem: string | null = null;
		let changed = false;
		for (const [clientId, raw] of provider.awareness.getStates()) {
			const st = raw as AwarenessState;
			const r = st.review;
			if (!r || r.sessionId !== this.sessionId || !st.user) continue;
			const self = clientId === this.doc.clientID;
			peers.push({ clientId, userId: st.user.id, name: st.user.name, color: st.user.color ?? presenceColor(st.user.id), self });
			if (self) continue;
			const seen = this.seenRevs.get(clientId);
			if (seen !== r.rev && (seen !== undefined || r.rev > 0)) changed = true;
			this.seenRevs.set(clientId, r.rev);
			if (st.user.id === s.controllerId && r.itemId) controllerItem = r.itemId;
		}
		this.peers = peers;
		this.controllerItem = controllerItem;
		if (changed) void this.refresh();
	};
}

/** "12:05" or "1:02:05" from milliseconds. */
export function formatDuration(ms: number): string {
	const total = Math.floor(ms / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const mm = String(m).padStart(h ? 2 : 1, '0');
	return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
