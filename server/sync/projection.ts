/**
 * Relational copies of the board documents (cards, comments, attachments) for search, dashboards
 * and reports. The document stays the source of truth; a card's rows are rewritten a moment after it
 * changes (debounced), and whenever a room unloads.
 *
 * Each card is written on its own: a card whose rows cannot be written (a value the tables refuse)
 * is retried with a growing delay, and never holds back the other cards of its board.
 */
import type * as Y from 'yjs';
import { cardsMap, readCard } from '../../src/lib/core/board-doc.js';
import type { BoardStore } from './board-store.js';

/** Cards written per slice of the debounced projection. */
const SLICE = 16;
/** Retry delays of a card that failed to project: doubling from the first to the last. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 5 * 60_000;

interface Dirty {
	doc: Y.Doc;
	cards: Set<string> | 'all';
	/** The board sequence number the document holds (read when the rows are written). */
	seqOf: () => number;
}

export class Projection {
	private dirty = new Map<string, Dirty>();
	/** The next debounced write (a timer) or its next slice (an immediate). */
	private scheduled: NodeJS.Timeout | NodeJS.Immediate | null = null;
	/** Cards whose last write failed: when they may be tried again, and how long the next wait is. */
	private failing = new Map<string, { retryAt: number; delayMs: number; timer: NodeJS.Timeout }>();

	constructor(
		private store: BoardStore,
		private delayMs = 300
	) {}

	/** Marks cards of a board as changed; they are written after a short quiet period. */
	markDirty(boardId: string, doc: Y.Doc, cardIds: Iterable<string> | 'all', seqOf: () => number = () => 0): void {
		let entry = this.dirty.get(boardId);
		if (!entry || entry.doc !== doc) this.dirty.set(boardId, (entry = { doc, cards: new Set(), seqOf }));
		if (cardIds === 'all') entry.cards = 'all';
		else if (entry.cards !== 'all') for (const id of cardIds) entry.cards.add(id);
		if (!this.scheduled) this.scheduled = setTimeout(this.drain, this.delayMs).unref();
	}

	/**
	 * The debounced write, in slices of SLICE cards with a turn of the event loop between them: a busy
	 * board's cards (their search text is rebuilt from the whole result and comments) would otherwise
	 * hold the loop, and the relay behind it, for ~10 ms at a time.
	 */
	private drain = () => {
		this.scheduled = null;
		let budget = SLICE;
		for (const [id, entry] of [...this.dirty]) {
			if (budget <= 0) break;
			const ids = entry.cards === 'all' ? [...cardsMap(entry.doc).keys()] : [...entry.cards];
			const now = ids.slice(0, budget);
			budget -= now.length;
			if (ids.length > now.length) entry.cards = new Set(ids.slice(now.length));
			else this.dirty.delete(id);
			void this.writeCards(id, entry.doc, now, entry.seqOf);
		}
		if (this.dirty.size > 0 && !this.scheduled) this.scheduled = setImmediate(this.drain);
	};

	/** Writes every pending change now (a room unloading, shutdown, a report about to be read). */
	async flush(boardId?: string): Promise<void> {
		// A write still scheduled finds nothing left to do, or only what changed since.
		const writes: Promise<void>[] = [];
		for (const [id, entry] of [...this.dirty]) {
			if (boardId !== undefined && id !== boardId) continue;
			this.dirty.delete(id);
			writes.push(this.writeCards(id, entry.doc, entry.cards === 'all' ? [...cardsMap(entry.doc).keys()] : entry.cards, entry.seqOf));
		}
		writes.push(...this.inFlight);
		await Promise.all(writes);
	}

	/** Writes started by the debounced drain and not finished yet. */
	private inFlight = new Set<Promise<void>>();

	/** Cards whose rows could not be written and are waiting to be tried again. */
	get failingCount(): number {
		return this.failing.size;
	}

	private writeCards(boardId: string, doc: Y.Doc, ids: Iterable<string>, seqOf: () => number): Promise<void> {
		const cards = cardsMap(doc);
		const writes: Promise<void>[] = [];
		for (const id of ids) {
			const key = `${boardId}/${id}`;
			const failing = this.failing.get(key);
			if (failing && Date.now() < failing.retryAt) continue; // its own timer brings it back
			let data;
			try {
				const map = cards.get(id);
				data = map ? readCard(id, map) : null;
			} catch (err) {
				this.retryLater(key, boardId, doc, id, failing?.delayMs ?? 0, err, seqOf);
				continue;
			}
			writes.push(
				this.store.writeCard(boardId, { id, data }, seqOf()).then(
					() => {
						const f = this.failing.get(key);
						if (f) {
							clearTimeout(f.timer);
							this.failing.delete(key);
						}
					},
					(err) => this.retryLater(key, boardId, doc, id, this.failing.get(key)?.delayMs ?? 0, err, seqOf)
				)
			);
		}
		const all = Promise.all(writes).then(() => undefined);
		this.inFlight.add(all);
		void all.finally(() => this.inFlight.delete(all));
		return all;
	}

	private retryLater(key: string, boardId: string, doc: Y.Doc, cardId: string, lastDelay: number, err: unknown, seqOf: () => number) {
		const delayMs = lastDelay === 0 ? RETRY_FIRST_MS : Math.min(RETRY_MAX_MS, lastDelay * 2);
		if (lastDelay === 0) console.error(`board ${boardId}, card ${cardId}: projection failed (${String(err)}); retrying with backoff`);
		const timer = setTimeout(() => {
			const f = this.failing.get(key);
			if (f) f.retryAt = 0;
			this.markDirty(boardId, doc, [cardId], seqOf);
		}, delayMs).unref();
		this.failing.set(key, { retryAt: Date.now() + delayMs, delayMs, timer });
	}

	stop(): void {
		for (const f of this.failing.values()) clearTimeout(f.timer);
		this.failing.clear();
		if (this.scheduled) {
			clearTimeout(this.scheduled as NodeJS.Timeout);
			clearImmediate(this.scheduled as NodeJS.Immediate);
			this.scheduled = null;
		}
	}
}
