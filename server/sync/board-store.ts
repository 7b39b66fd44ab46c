/**
 * Where board documents live: the one interface the sync layer stores through. A board is a
 * compacted state plus an append-only log of the updates accepted since, numbered in the board's own
 * sequence (1, 2, 3…); next to it, who owns which Yjs client id, the updates set aside as unloadable
 * (quarantine), and the relational projection.
 *
 * Two implementations: the embedded one (SQLite, `sqlite-board-store.ts`, synchronous underneath) and
 * the server one (PostgreSQL through Kysely, `kysely-board-store.ts`). The write path relies on: an
 * update is stored before `appendBatch` resolves (so it is stored before it is relayed), a failed
 * append rejects (the batch is retried), and sequence numbers of a board have no gaps and no repeats,
 * whichever node appends (a cluster node that sees a gap reads it back with `loadSince`).
 */
import type { CardData } from '../../src/lib/core/board-types.js';
import type { QuarantineCause } from '../../src/lib/core/api/accounts.js';

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
	/** The row's id (quarantine refers to it). */
	id: number;
	/** Its number in the board's sequence. */
	seq: number;
	data: Uint8Array;
	userId: string | null;
}

export interface StoredBoard {
	state: Uint8Array | null;
	/** The last sequence number folded into `state` (0 without a state). */
	stateSeq: number;
	/** The log after the state, oldest first. */
	updates: StoredUpdate[];
	/** The last sequence number stored (of the log, or of the state). */
	lastSeq: number;
	/** Some of it was stored before updates were checked: integrate it before serving it to anyone. */
	unchecked: boolean;
}

export interface QuarantineEntry {
	updateId: number | null;
	userId: string | null;
	data: Uint8Array;
	/** Why, as a code the admin panel words; `reason` is the diagnostic (logs, developers). */
	cause: QuarantineCause;
	reason: string;
}

/** A quarantined update as listed (without its bytes: `quarantinedBytes` reads those one at a time). */
export interface QuarantinedUpdate extends Omit<QuarantineEntry, 'data' | 'cause'> {
	id: number;
	/** Null on rows quarantined before causes were recorded (migration 0012). */
	cause: QuarantineCause | null;
	boardId: string;
	size: number;
	createdAt: string;
}

/** A card's projection: its data, or null when the card is gone from the document. */
export interface ProjectedCard {
	id: string;
	data: CardData | null;
}

/** A batch as stored: the sequence numbers it was given. */
export interface AppendResult {
	firstSeq: number;
	lastSeq: number;
}

export interface BoardStore {
	/** The stored state and every logged update after it, as bytes (not applied to any document). */
	load(boardId: string): Promise<StoredBoard>;
	/**
	 * What was stored after sequence number `afterSeq`: the log after it, or, when compaction already
	 * folded part of that into the state, the state and the log after the state.
	 */
	loadSince(boardId: string, afterSeq: number): Promise<StoredBoard>;
	/** The last sequence number of each of these boards (boards never written are left out). */
	heads(boardIds: string[]): Promise<Map<string, number>>;
	/** Appends accepted updates with their attribution (and binds new client ids) in one transaction. */
	appendBatch(boardId: string, entries: LogEntry[], newClients: ClientBinding[]): Promise<AppendResult>;
	/**
	 * Replaces the state with `state` (which includes the log up to `lastSeq`) and drops that log. A
	 * state never replaces a newer one (two nodes compacting the same board keep the newer).
	 */
	compact(boardId: string, state: Uint8Array, lastSeq: number): Promise<void>;
	/** Marks everything stored for a board as checked (it integrated completely). */
	markChecked(boardId: string): Promise<void>;
	/** Sets an update aside (and out of the log, when it was stored there). */
	quarantine(boardId: string, entry: QuarantineEntry): Promise<void>;
	listQuarantine(boardId?: string): Promise<QuarantinedUpdate[]>;
	/** The bytes of one quarantined update, with its board, or null. */
	quarantinedBytes(id: number): Promise<{ boardId: string; data: Uint8Array } | null>;
	/** Which user owns each client id on a board. */
	clientOwners(boardId: string): Promise<Map<number, string>>;
	/** How many client ids each user bound on a board since a moment (ISO), for the cap. */
	recentBindings(boardId: string, since: string): Promise<Map<string, number>>;
	/** Binds client ids that carry no update (presence only). Existing bindings are left as they are. */
	bindClients(boardId: string, bindings: ClientBinding[]): Promise<void>;
	/**
	 * Rewrites one card's relational rows from a document holding the board up to sequence number
	 * `seq` — unless rows projected from a later one are there already (another node saw more).
	 * Rejects on failure; other cards are not affected.
	 */
	writeCard(boardId: string, card: ProjectedCard, seq: number): Promise<void>;
}

export interface ClientBinding {
	clientId: number;
	userId: string;
}
