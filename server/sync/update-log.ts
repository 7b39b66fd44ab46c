/**
 * Durable storage of board documents: a compacted state per board plus an append-only log of the
 * updates accepted since. Synchronous (better-sqlite3) on purpose: an update is on disk before the
 * call returns, so it is stored before it is relayed.
 */
import type SQLite from 'better-sqlite3';
import * as Y from 'yjs';

export interface ActivityRow {
	cardId: string | null;
	field: string;
	detail: string | null;
}

export interface LogEntry {
	update: Uint8Array;
	userId: string | null;
	activity: ActivityRow[];
}

export class UpdateLog {
	private insertUpdate: SQLite.Statement;
	private insertActivity: SQLite.Statement;
	private selectState: SQLite.Statement;
	private selectUpdates: SQLite.Statement;
	private upsertState: SQLite.Statement;
	private deleteUpdates: SQLite.Statement;
	private appendBatchTx: (boardId: string, entries: LogEntry[]) => number;

	constructor(private sqlite: SQLite.Database) {
		this.insertUpdate = sqlite.prepare(
			'insert into board_updates (board_id, data, user_id, created_at) values (?, ?, ?, ?)'
		);
		this.insertActivity = sqlite.prepare(
			'insert into activity (board_id, card_id, user_id, field, detail, created_at) values (?, ?, ?, ?, ?, ?)'
		);
		this.selectState = sqlite.prepare('select state, last_update_id from board_states where board_id = ?');
		this.selectUpdates = sqlite.prepare('select id, data from board_updates where board_id = ? and id > ? order by id');
		this.upsertState = sqlite.prepare(
			`insert into board_states (board_id, state, last_update_id, updated_at) values (?, ?, ?, ?)
			 on conflict(board_id) do update set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`
		);
		this.deleteUpdates = sqlite.prepare('delete from board_updates where board_id = ? and id <= ?');
		const insertOne = (boardId: string, e: LogEntry, now: string) => {
			const id = Number(this.insertUpdate.run(boardId, e.update, e.userId, now).lastInsertRowid);
			for (const a of e.activity) this.insertActivity.run(boardId, a.cardId, e.userId, a.field, a.detail, now);
			return id;
		};
		const appendBatch = sqlite.transaction((boardId: string, entries: LogEntry[]) => {
			const now = new Date().toISOString();
			let id = 0;
			for (const e of entries) id = insertOne(boardId, e, now);
			return id;
		});
		// BEGIN IMMEDIATE: the write lock is taken (waiting if need be) before a read snapshot exists. A
		// deferred transaction reads first and fails at once with SQLITE_BUSY if that snapshot went stale.
		this.appendBatchTx = appendBatch.immediate;
	}

	/** Appends several accepted updates, each with its attribution, in one transaction; returns the last log id. */
	appendBatch(boardId: string, entries: LogEntry[]): number {
		return this.appendBatchTx(boardId, entries);
	}

	/** The stored state and every logged update after it, as bytes (not yet applied to a document). */
	loadBytes(boardId: string): { state: Uint8Array | null; updates: Uint8Array[]; lastUpdateId: number } {
		const state = this.selectState.get(boardId) as { state: Buffer; last_update_id: number } | undefined;
		const base = state?.last_update_id ?? 0;
		const rows = this.selectUpdates.all(boardId, base) as { id: number; data: Buffer }[];
		return {
			state: state ? new Uint8Array(state.state) : null,
			updates: rows.map((r) => new Uint8Array(r.data)),
			lastUpdateId: rows.at(-1)?.id ?? base
		};
	}

	/** Stores a live document's state as the compacted state, dropping the log it includes. */
	compactFromDoc(boardId: string, doc: Y.Doc, lastUpdateId: number): Uint8Array {
		const state = Y.encodeStateAsUpdate(doc);
		this.sqlite.transaction(() => {
			this.upsertState.run(boardId, state, lastUpdateId, new Date().toISOString());
			this.deleteUpdates.run(boardId, lastUpdateId);
		}).immediate();
		return state;
	}
}
