/**
 * Snapshots: immutable copies of a board. The Yjs state and its summary are read from the live
 * document in one synchronous step, so they describe the same moment. Rows are only ever inserted;
 * nothing in the application updates or deletes one (a board's deletion takes its snapshots along).
 */
import * as Y from 'yjs';
import type { DB } from '../db/database.js';
import type { SyncServer } from '../sync/sync-server.js';
import { newId } from '../../src/lib/core/ids.js';
import { todayInVietnam } from '../boards/today.js';
import type { BoardSummary, CategoryCounts } from '../../src/lib/review/board-summary.js';
import type { SnapshotKind, SnapshotMeta } from '../../src/lib/review/api-types.js';
import { loadSummaryContext, summarizeDoc } from './summarize.js';

export type { SnapshotKind, SnapshotMeta };

export interface TakeOptions {
	name: string;
	kind: SnapshotKind;
	takenBy: string | null;
	period?: string | null;
	reviewId?: string | null;
	/** The day categories are computed for; today in Vietnam unless given (a quarter's last day). */
	asOf?: string;
	now?: Date;
}

/** The live board's summary for a day (dashboards and exports of the current board). */
export async function liveSummary(db: DB, sync: SyncServer, boardId: string, asOf = todayInVietnam()): Promise<BoardSummary> {
	const context = await loadSummaryContext(db, boardId);
	return await sync.rooms.withRoom(boardId, (room) => summarizeDoc(room.doc, context, asOf));
}

export async function takeSnapshot(db: DB, sync: SyncServer, boardId: string, opts: TakeOptions): Promise<SnapshotMeta> {
	const now = opts.now ?? new Date();
	const asOf = opts.asOf ?? todayInVietnam(now);
	const context = await loadSummaryContext(db, boardId);
	const { state, summary } = await sync.rooms.withRoom(boardId, (room) => ({
		state: Y.encodeStateAsUpdate(room.doc),
		summary: summarizeDoc(room.doc, context, asOf, now.toISOString())
	}));
	const id = newId();
	await db
		.insertInto('snapshots')
		.values({
			id,
			board_id: boardId,
			name: opts.name.trim().slice(0, 200) || `Ảnh chụp ${asOf}`,
			kind: opts.kind,
			period: opts.period ?? null,
			review_id: opts.reviewId ?? null,
			taken_at: now.toISOString(),
			taken_by: opts.takenBy,
			as_of: asOf,
			state,
			summary_json: JSON.stringify(summary),
			counts_json: JSON.stringify(summary.counts)
		})
		.execute();
	return (await getSnapshotMeta(db, id))!;
}

function metaQuery(db: DB) {
	return db
		.selectFrom('snapshots')
		.leftJoin('users', 'users.id', 'snapshots.taken_by')
		.select([
			'snapshots.id',
			'snapshots.board_id',
			'snapshots.name',
			'snapshots.kind',
			'snapshots.period',
			'snapshots.review_id',
			'snapshots.taken_at',
			'snapshots.taken_by',
			'users.display_name',
			'snapshots.as_of',
			'snapshots.counts_json'
		]);
}

type MetaRow = Awaited<ReturnType<ReturnType<typeof metaQuery>['executeTakeFirstOrThrow']>>;

function toMeta(r: MetaRow): SnapshotMeta {
	return {
		id: r.id,
		boardId: r.board_id,
		name: r.name,
		kind: r.kind as SnapshotKind,
		period: r.period,
		reviewId: r.review_id,
		takenAt: r.taken_at,
		takenBy: r.taken_by,
		takenByName: r.display_name ?? null,
		asOf: r.as_of,
		counts: JSON.parse(r.counts_json) as CategoryCounts
	};
}

export async function getSnapshotMeta(db: DB, id: string): Promise<SnapshotMeta | null> {
	const row = await metaQuery(db).where('snapshots.id', '=', id).executeTakeFirst();
	return row ? toMeta(row) : null;
}

/** A board's snapshots, oldest first (the order a trend is read in). */
export async function listSnapshots(db: DB, boardId: string): Promise<SnapshotMeta[]> {
	const rows = await metaQuery(db).where('snapshots.board_id', '=', boardId).orderBy('snapshots.taken_at').orderBy('snapshots.id').execute();
	return rows.map(toMeta);
}

export async function getSnapshotSummary(db: DB, id: string): Promise<BoardSummary | null> {
	const row = await db.selectFrom('snapshots').select('summary_json').where('id', '=', id).executeTakeFirst();
	return row ? (JSON.parse(row.summary_json) as BoardSummary) : null;
}

export async function getSnapshotState(db: DB, id: string): Promise<Uint8Array | null> {
	const row = await db.selectFrom('snapshots').select('state').where('id', '=', id).executeTakeFirst();
	return row ? new Uint8Array(row.state) : null;
}
