/**
 * Relational copies of the board documents (cards, comments, attachments) for search, dashboards
 * and reports. The document stays the source of truth; a card's rows are rewritten a moment after it
 * changes (debounced), and whenever a room unloads.
 */
import type SQLite from 'better-sqlite3';
import type * as Y from 'yjs';
import { cardsMap, readCard } from '../../src/lib/core/board-doc.js';
import type { CardData } from '../../src/lib/core/board-types.js';
import { searchKey } from '../../src/lib/core/text.js';

export function cardSearchText(card: CardData): string {
	const parts = [card.code, card.title, card.result, ...card.comments.filter((c) => !c.deleted).map((c) => c.body)];
	return searchKey(parts.join(' \n '));
}

/** The projection row of a card (also written by the importer for a new board). */
export function toCardRow(boardId: string, c: CardData) {
	return {
		id: c.id,
		board_id: boardId,
		section_id: c.sectionId,
		code: c.code,
		title: c.title,
		status: c.status,
		progress: c.progress,
		lead_json: JSON.stringify(c.lead),
		support_json: JSON.stringify(c.support),
		deadline_raw: c.deadline.raw,
		deadline_kind: c.deadline.kind,
		deadline_due: c.deadline.due,
		completed_at: c.completedAt,
		result: c.result,
		order_key: c.order,
		comment_count: c.comments.filter((x) => !x.deleted).length,
		attachment_count: c.attachments.length,
		search_text: cardSearchText(c),
		updated_at: c.updatedAt,
		updated_by: c.updatedBy
	};
}

/** Cards written per slice of the debounced projection. */
const SLICE = 16;

export class Projection {
	private dirty = new Map<string, { doc: Y.Doc; cards: Set<string> | 'all' }>();
	/** The next debounced write (a timer) or its next slice (an immediate). */
	private scheduled: NodeJS.Timeout | NodeJS.Immediate | null = null;
	private upsertCard: SQLite.Statement;
	private deleteCard: SQLite.Statement;
	private deleteComments: SQLite.Statement;
	private insertComment: SQLite.Statement;
	private insertAttachment: SQLite.Statement;
	private writeCards: (boardId: string, doc: Y.Doc, ids: Iterable<string>) => void;

	constructor(
		sqlite: SQLite.Database,
		private delayMs = 300
	) {
		this.upsertCard = sqlite.prepare(`insert into cards (id, board_id, section_id, code, title, status, progress, lead_json,
			support_json, deadline_raw, deadline_kind, deadline_due, completed_at, result, order_key, comment_count,
			attachment_count, search_text, updated_at, updated_by)
			values (@id, @board_id, @section_id, @code, @title, @status, @progress, @lead_json, @support_json, @deadline_raw,
			@deadline_kind, @deadline_due, @completed_at, @result, @order_key, @comment_count, @attachment_count,
			@search_text, @updated_at, @updated_by)
			on conflict(id) do update set section_id = excluded.section_id, code = excluded.code, title = excluded.title,
			status = excluded.status, progress = excluded.progress, lead_json = excluded.lead_json,
			support_json = excluded.support_json, deadline_raw = excluded.deadline_raw, deadline_kind = excluded.deadline_kind,
			deadline_due = excluded.deadline_due, completed_at = excluded.completed_at, result = excluded.result,
			order_key = excluded.order_key, comment_count = excluded.comment_count,
			attachment_count = excluded.attachment_count, search_text = excluded.search_text,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
		this.deleteCard = sqlite.prepare('delete from cards where id = ? and board_id = ?');
		this.deleteComments = sqlite.prepare('delete from comments where card_id = ? and board_id = ?');
		this.insertComment = sqlite.prepare(
			'insert into comments (id, board_id, card_id, author_id, agency_id, body, created_at, deleted) values (?, ?, ?, ?, ?, ?, ?, ?)'
		);
		this.insertAttachment = sqlite.prepare(`insert into attachments (id, board_id, card_id, name, size, mime, sha256, uploaded_by, uploaded_at)
			values (?, ?, ?, ?, ?, ?, '', ?, ?) on conflict(id) do nothing`);
		const writeCards = sqlite.transaction((boardId: string, doc: Y.Doc, ids: Iterable<string>) => {
			const cards = cardsMap(doc);
			for (const id of ids) {
				const map = cards.get(id);
				this.deleteComments.run(id, boardId);
				if (!map) {
					this.deleteCard.run(id, boardId);
					continue;
				}
				const c = readCard(id, map);
				this.upsertCard.run(toCardRow(boardId, c));
				for (const m of c.comments) {
					this.insertComment.run(m.id, boardId, id, m.authorId, m.agencyId, m.body, m.createdAt, m.deleted ? 1 : 0);
				}
				for (const a of c.attachments) {
					this.insertAttachment.run(a.id, boardId, id, a.name, a.size, a.mime, a.uploadedBy, a.uploadedAt);
				}
			}
		});
		this.writeCards = writeCards.immediate;
	}

	/** Marks cards of a board as changed; they are written after a short quiet period. */
	markDirty(boardId: string, doc: Y.Doc, cardIds: Iterable<string> | 'all'): void {
		let entry = this.dirty.get(boardId);
		if (!entry || entry.doc !== doc) this.dirty.set(boardId, (entry = { doc, cards: new Set() }));
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
			this.writeBoard(id, entry.doc, now);
		}
		if (this.dirty.size > 0 && !this.scheduled) this.scheduled = setImmediate(this.drain);
	};

	/** Writes every pending change now (a room unloading, shutdown, a report about to be read). */
	flush(boardId?: string): void {
		// A write still scheduled finds nothing left to do, or only what changed since.
		for (const [id, entry] of [...this.dirty]) {
			if (boardId !== undefined && id !== boardId) continue;
			this.dirty.delete(id);
			this.writeBoard(id, entry.doc, entry.cards);
		}
	}

	/** Rewrites a board's rows for these cards; on failure they are marked to be written again. */
	private writeBoard(boardId: string, doc: Y.Doc, cards: Iterable<string> | 'all'): void {
		try {
			this.writeCards(boardId, doc, cards === 'all' ? [...cardsMap(doc).keys()] : cards);
		} catch (err) {
			// The document is the source of truth: the rows are written again on the next pass.
			console.error(`board ${boardId}: projection failed (${String(err)}); will retry`);
			this.markDirty(boardId, doc, cards);
		}
	}
}
