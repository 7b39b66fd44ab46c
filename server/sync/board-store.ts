/**
 * Where board documents live: the one interface the sync layer stores through. A board is a
 * compacted state plus an append-only log of the updates accepted since; next to it, who owns which
 * Yjs client id, the updates set aside as unloadable (quarantine), and the relational projection.
 *
 * The embedded implementation (SQLite, `sqlite-board-store.ts`) is synchronous on purpose: an update
 * is on disk before `appendBatch` returns, so it is stored before it is relayed. The write path only
 * relies on that order (store, then relay), and on a failed append throwing (the batch is retried).
 */
import type { CardData } from '../../src/lib/core/board-types.js';

export interface ActivityRow {
	cardId: string | null;
	field: string;
	detail: string | null;
}

/**
 * An event derived from an accepted update for another module (the notification outbox): stored in
 * the same transaction as the update, so it exists exactly when the update does.
 */
export interface OutboxEvent {
	type: string;
	payload: unknown;
}

/** One accepted update with its attribution. */
export interface LogEntry {
	update: Uint8Array;
	userId: string | null;
	activity: ActivityRow[];
	outbox?: OutboxEvent[];
}

export interface StoredUpdate {
	id: number;
	data: Uint8Array;
	userId: string | null;
}

export interface StoredBoard {
	state: Uint8Array | null;
	/** The log after the state, oldest first. */
	updates: StoredUpdate[];
	lastUpdateId: number;
	/** Some of it was stored before updates were checked: integrate it before serving it to anyone. */
	unchecked: boolean;
}

export interface QuarantineEntry {
	updateId: number | null;
	userId: string | null;
	data: Uint8Array;
	reason: string;
}

/** A quarantined update as listed (without its bytes: `quarantinedBytes` reads those one at a time). */
export interface QuarantinedUpdate extends Omit<QuarantineEntry, 'data'> {
	id: number;
	boardId: string;
	size: number;
	createdAt: string;
}

/** A card's projection: its data, or null when the card is gone from the document. */
export interface ProjectedCard {
	id: string;
	data: CardData | null;
}

export interface BoardStore {
	/** The stored state and every logged update after it, as bytes (not applied to any document). */
	load(boardId: string): StoredBoard;
	/** Appends accepted updates with their attribution (and binds new client ids) in one transaction; returns the last log id. */
	appendBatch(boardId: string, entries: LogEntry[], newClients: ClientBinding[]): number;
	/** Replaces the state with `state` (which includes the log up to `lastUpdateId`) and drops that log. */
	compact(boardId: string, state: Uint8Array, lastUpdateId: number): void;
	/** Marks everything stored for a board as checked (it integrated completely). */
	markChecked(boardId: string): void;
	/** Sets an update aside (and out of the log, when it was stored there). */
	quarantine(boardId: string, entry: QuarantineEntry): void;
	listQuarantine(boardId?: string): QuarantinedUpdate[];
	/** The bytes of one quarantined update, with its board, or null. */
	quarantinedBytes(id: number): { boardId: string; data: Uint8Array } | null;
	/** Which user owns each client id on a board. */
	clientOwners(boardId: string): Map<number, string>;
	/** How many client ids each user bound on a board since a moment (ISO), for the cap. */
	recentBindings(boardId: string, since: string): Map<string, number>;
	/** Binds client ids that carry no update (presence only). Existing bindings are left as they are. */
	bindClients(boardId: string, bindings: ClientBinding[]): void;
	/** Rewrites one card's relational rows (throws on failure; other cards are not affected). */
	writeCard(boardId: string, card: ProjectedCard): void;
}

export interface ClientBinding {
	clientId: number;
	userId: string;
}
