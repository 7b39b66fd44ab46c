/**
 * The embedded BoardStore: better-sqlite3, each write in one BEGIN IMMEDIATE transaction. The work is
 * synchronous underneath (an append is on disk when the call returns); the methods answer promises only
 * to share the interface with the PostgreSQL store.
 */
import type SQLite from 'better-sqlite3';
import type {
	AppendResult,
	BoardStore,
	ClientBinding,
	LogEntry,
	ProjectedCard,
	QuarantineEntry,
	QuarantinedUpdate,
	StoredBoard
} from './board-store.js';
import { toCardRow } from './projection-rows.js';
import { quarantineCause } from '../../src/lib/core/api/accounts.js';

export class SqliteBoardStore implements BoardStore {
	private readonly stmt;
	private readonly appendTx: (boardId: string, entries: LogEntry[], clients: ClientBinding[]) => AppendResult;
	private readonly compactTx: (boardId: string, state: Uint8Array, lastSeq: number) => void;
	private readonly quarantineTx: (boardId: string, e: QuarantineEntry) => void;
	private readonly bindTx: (boardId: string, clients: ClientBinding[]) => void;
	private readonly writeCardTx: (boardId: string, card: ProjectedCard, seq: number) => void;
	private readonly checkedTx: (boardId: string) => void;

	constructor(private sqlite: SQLite.Database) {
		const s = (sql: string) => sqlite.prepare(sql);
		this.stmt = {
			insertUpdate: s('insert into board_updates (board_id, seq, data, user_id, created_at) values (?, ?, ?, ?, ?)'),
			advanceHead: s(
				'insert into board_heads (board_id, seq) values (?, ?) on conflict(board_id) do update set seq = board_heads.seq + excluded.seq returning seq'
			),
			selectHead: s('select seq from board_heads where board_id = ?'),
			insertActivity: s('insert into activity (board_id, card_id, user_id, field, detail, created_at) values (?, ?, ?, ?, ?, ?)'),
			insertOutbox: s('insert into notification_events (type, board_id, actor_id, payload_json, created_at) values (?, ?, ?, ?, ?)'),
			selectState: s('select state, last_update_id, unchecked from board_states where board_id = ?'),
			selectUpdates: s('select id, seq, data, user_id, unchecked from board_updates where board_id = ? and seq > ? order by seq'),
			upsertState: s(
				`insert into board_states (board_id, state, last_update_id, updated_at, unchecked) values (?, ?, ?, ?, 0)
				 on conflict(board_id) do update set state = excluded.state, last_update_id = excluded.last_update_id,
				 updated_at = excluded.updated_at, unchecked = 0 where board_states.last_update_id <= excluded.last_update_id`
			),
			checkState: s('update board_states set unchecked = 0 where board_id = ? and unchecked = 1'),
			checkUpdates: s('update board_updates set unchecked = 0 where board_id = ? and unchecked = 1'),
			deleteUpdates: s('delete from board_updates where board_id = ? and seq <= ?'),
			deleteUpdate: s('delete from board_updates where board_id = ? and id = ?'),
			insertQuarantine: s(
				'insert into quarantined_updates (board_id, update_id, user_id, data, cause, reason, created_at) values (?, ?, ?, ?, ?, ?, ?)'
			),
			selectQuarantine: s(
				'select id, board_id, update_id, user_id, length(data) as size, cause, reason, created_at from quarantined_updates where (? is null or board_id = ?) order by id desc limit 500'
			),
			selectQuarantineBytes: s('select board_id, data from quarantined_updates where id = ?'),
			selectClients: s('select client_id, user_id from board_clients where board_id = ?'),
			countRecentClients: s('select user_id, count(*) as n from board_clients where board_id = ? and created_at > ? group by user_id'),
			insertClient: s('insert into board_clients (board_id, client_id, user_id, created_at) values (?, ?, ?, ?) on conflict do nothing'),
			upsertCard: s(`insert into cards (id, board_id, section_id, code, title, status, progress, lead_json,
				support_json, deadline_raw, deadline_kind, deadline_due, completed_at, result, order_key, comment_count,
				attachment_count, search_text, updated_at, updated_by, handler_id, archived_at, projected_seq)
				values (@id, @board_id, @section_id, @code, @title, @status, @progress, @lead_json, @support_json, @deadline_raw,
				@deadline_kind, @deadline_due, @completed_at, @result, @order_key, @comment_count, @attachment_count,
				@search_text, @updated_at, @updated_by, @handler_id, @archived_at, @projected_seq)
				on conflict(id) do update set section_id = excluded.section_id, code = excluded.code, title = excluded.title,
				status = excluded.status, progress = excluded.progress, lead_json = excluded.lead_json,
				support_json = excluded.support_json, deadline_raw = excluded.deadline_raw, deadline_kind = excluded.deadline_kind,
				deadline_due = excluded.deadline_due, completed_at = excluded.completed_at, result = excluded.result,
				order_key = excluded.order_key, comment_count = excluded.comment_count,
				attachment_count = excluded.attachment_count, search_text = excluded.search_text,
				updated_at = excluded.updated_at, updated_by = excluded.updated_by, handler_id = excluded.handler_id,
				archived_at = excluded.archived_at, projected_seq = excluded.projected_seq
				where cards.projected_seq <= excluded.projected_seq`),
			selectProjectedSeq: s('select projected_seq from cards where id = ? and board_id = ?'),
			deleteCard: s('delete from cards where id = ? and board_id = ?'),
			deleteComments: s('delete from comments where card_id = ? and board_id = ?'),
			insertComment: s(
				'insert into comments (id, board_id, card_id, author_id, agency_id, body, created_at, deleted) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict(id) do nothing'
			),
			insertAttachment: s(`insert into attachments (id, board_id, card_id, name, size, mime, sha256, uploaded_by, uploaded_at)
				values (?, ?, ?, ?, ?, ?, '', ?, ?) on conflict(id) do nothing`)
		};
		const st = this.stmt;
		// BEGIN IMMEDIATE: the write lock is taken (waiting if need be) before a read snapshot exists. A
		// deferred transaction reads first and fails at once with SQLITE_BUSY if that snapshot went stale.
		this.appendTx = sqlite.transaction((boardId: string, entries: LogEntry[], clients: ClientBinding[]) => {
			const now = new Date().toISOString();
			for (const b of clients) st.insertClient.run(boardId, b.clientId, b.userId, now);
			const { seq: lastSeq } = st.advanceHead.get(boardId, entries.length) as { seq: number };
			const firstSeq = lastSeq - entries.length + 1;
			let seq = firstSeq;
			for (const e of entries) {
				st.insertUpdate.run(boardId, seq++, e.update, e.userId, now);
				for (const a of e.activity) st.insertActivity.run(boardId, a.cardId, e.userId, a.field, a.detail, now);
				for (const o of e.outbox ?? []) st.insertOutbox.run(o.type, boardId, e.userId, JSON.stringify(o.payload), now);
			}
			return { firstSeq, lastSeq };
		}).immediate;
		this.compactTx = sqlite.transaction((boardId: string, state: Uint8Array, lastSeq: number) => {
			st.upsertState.run(boardId, state, lastSeq, new Date().toISOString());
			st.deleteUpdates.run(boardId, lastSeq);
		}).immediate;
		this.quarantineTx = sqlite.transaction((boardId: string, e: QuarantineEntry) => {
			st.insertQuarantine.run(boardId, e.updateId, e.userId, e.data, e.cause, e.reason, new Date().toISOString());
			if (e.updateId !== null) st.deleteUpdate.run(boardId, e.updateId);
		}).immediate;
		this.checkedTx = sqlite.transaction((boardId: string) => {
			st.checkState.run(boardId);
			st.checkUpdates.run(boardId);
		}).immediate;
		this.bindTx = sqlite.transaction((boardId: string, clients: ClientBinding[]) => {
			const now = new Date().toISOString();
			for (const b of clients) st.insertClient.run(boardId, b.clientId, b.userId, now);
		}).immediate;
		this.writeCardTx = sqlite.transaction((boardId: string, { id, data }: ProjectedCard, seq: number) => {
			// Rows projected from a later document (another node saw more) stay.
			const existing = st.selectProjectedSeq.get(id, boardId) as { projected_seq: number } | undefined;
			if (existing && existing.projected_seq > seq) return;
			st.deleteComments.run(id, boardId);
			if (!data) {
				st.deleteCard.run(id, boardId);
				return;
			}
			st.upsertCard.run({ ...toCardRow(boardId, data), projected_seq: seq });
			for (const m of data.comments) {
				st.insertComment.run(m.id, boardId, id, m.authorId, m.agencyId, m.body, m.createdAt, m.deleted ? 1 : 0);
			}
			for (const a of data.attachments) {
				st.insertAttachment.run(a.id, boardId, id, a.name, a.size, a.mime, a.uploadedBy, a.uploadedAt);
			}
		}).immediate;
	}

	async load(boardId: string): Promise<StoredBoard> {
		return this.readSince(boardId, 0);
	}

	async loadSince(boardId: string, afterSeq: number): Promise<StoredBoard> {
		return this.readSince(boardId, afterSeq);
	}

	private readSince(boardId: string, afterSeq: number): StoredBoard {
		const stateRow = this.stmt.selectState.get(boardId) as { state: Buffer; last_update_id: number; unchecked: number } | undefined;
		// The state is needed when it holds something after `afterSeq` (compaction folded that part in).
		const state = stateRow && (afterSeq === 0 || stateRow.last_update_id > afterSeq) ? stateRow : undefined;
		const base = state ? state.last_update_id : afterSeq;
		const rows = this.stmt.selectUpdates.all(boardId, base) as { id: number; seq: number; data: Buffer; user_id: string | null; unchecked: number }[];
		return {
			state: state ? new Uint8Array(state.state) : null,
			stateSeq: state?.last_update_id ?? 0,
			updates: rows.map((r) => ({ id: r.id, seq: r.seq, data: new Uint8Array(r.data), userId: r.user_id })),
			lastSeq: rows.at(-1)?.seq ?? base,
			unchecked: state?.unchecked === 1 || rows.some((r) => r.unchecked === 1)
		};
	}

	async heads(boardIds: string[]): Promise<Map<string, number>> {
		const out = new Map<string, number>();
		for (const id of boardIds) {
			const row = this.stmt.selectHead.get(id) as { seq: number } | undefined;
			if (row) out.set(id, row.seq);
		}
		return out;
	}

	async markChecked(boardId: string): Promise<void> {
		this.checkedTx(boardId);
	}

	async appendBatch(boardId: string, entries: LogEntry[], newClients: ClientBinding[]): Promise<AppendResult> {
		return this.appendTx(boardId, entries, newClients);
	}

	async compact(boardId: string, state: Uint8Array, lastSeq: number): Promise<void> {
		this.compactTx(boardId, state, lastSeq);
	}

	async quarantine(boardId: string, entry: QuarantineEntry): Promise<void> {
		this.quarantineTx(boardId, entry);
	}

	async listQuarantine(boardId?: string): Promise<QuarantinedUpdate[]> {
		const b = boardId ?? null;
		const rows = this.stmt.selectQuarantine.all(b, b) as {
			id: number;
			board_id: string;
			update_id: number | null;
			user_id: string | null;
			size: number;
			cause: string | null;
			reason: string;
			created_at: string;
		}[];
		return rows.map((r) => ({
			id: r.id,
			boardId: r.board_id,
			updateId: r.update_id,
			userId: r.user_id,
			size: r.size,
			cause: quarantineCause(r.cause),
			reason: r.reason,
			createdAt: r.created_at
		}));
	}

	async quarantinedBytes(id: number): Promise<{ boardId: string; data: Uint8Array } | null> {
		const row = this.stmt.selectQuarantineBytes.get(id) as { board_id: string; data: Buffer } | undefined;
		return row ? { boardId: row.board_id, data: new Uint8Array(row.data) } : null;
	}

	async clientOwners(boardId: string): Promise<Map<number, string>> {
		const rows = this.stmt.selectClients.all(boardId) as { client_id: number; user_id: string }[];
		return new Map(rows.map((r) => [r.client_id, r.user_id]));
	}

	async recentBindings(boardId: string, since: string): Promise<Map<string, number>> {
		const rows = this.stmt.countRecentClients.all(boardId, since) as { user_id: string; n: number }[];
		return new Map(rows.map((r) => [r.user_id, r.n]));
	}

	async bindClients(boardId: string, bindings: ClientBinding[]): Promise<void> {
		if (bindings.length > 0) this.bindTx(boardId, bindings);
	}

	async writeCard(boardId: string, card: ProjectedCard, seq: number): Promise<void> {
		this.writeCardTx(boardId, card, seq);
	}
}
