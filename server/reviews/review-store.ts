/**
 * The session record of review meetings in the database: sessions, their agenda items with what
 * was concluded, attendees, and the timers (an item's time accrues while it is the current one).
 */
import type { DB } from '../db/database.js';
import type { Status } from '../../src/lib/core/board-types.js';
import { newId } from '../../src/lib/core/ids.js';
import type {
	AgendaBucket,
	ReviewAttendee,
	ReviewItem,
	ReviewListEntry,
	ReviewRecordInput,
	ReviewSession,
	ReviewStatus
} from '../../src/lib/review/review-types.js';
import type { AgendaEntry } from './agenda.js';

export interface NewSession {
	boardId: string;
	year: number;
	quarter: number;
	title: string;
	facilitatorId: string;
	asOf: string;
	agenda: (AgendaEntry & { code: string; title: string; status: Status })[];
}

export async function insertSession(db: DB, s: NewSession): Promise<string> {
	const id = newId();
	const now = new Date().toISOString();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('review_sessions')
			.values({
				id,
				board_id: s.boardId,
				year: s.year,
				quarter: s.quarter,
				title: s.title,
				status: 'open',
				facilitator_id: s.facilitatorId,
				controller_id: s.facilitatorId,
				current_item_id: null,
				current_since: null,
				as_of: s.asOf,
				created_at: now,
				started_at: null,
				closed_at: null,
				snapshot_id: null
			})
			.execute();
		for (const [position, e] of s.agenda.entries()) {
			await trx
				.insertInto('review_items')
				.values({
					id: newId(),
					session_id: id,
					card_id: e.cardId,
					position,
					bucket: e.bucket,
					agency_id: e.agencyId,
					card_code: e.code,
					card_title: e.title,
					status_before: e.status,
					conclusion: '',
					decision: null,
					follow_up: '',
					follow_up_agency_id: null,
					follow_up_due: null,
					elapsed_ms: 0,
					recorded_at: null,
					recorded_by: null
				})
				.execute();
		}
	});
	return id;
}

export async function sessionRow(db: DB, id: string) {
	return db.selectFrom('review_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadSession(db: DB, id: string): Promise<ReviewSession | null> {
	const s = await db
		.selectFrom('review_sessions')
		.innerJoin('boards', 'boards.id', 'review_sessions.board_id')
		.leftJoin('users as f', 'f.id', 'review_sessions.facilitator_id')
		.leftJoin('users as k', 'k.id', 'review_sessions.controller_id')
		.selectAll('review_sessions')
		.select(['boards.title as board_title', 'f.display_name as facilitator_name', 'k.display_name as controller_name'])
		.where('review_sessions.id', '=', id)
		.executeTakeFirst();
	if (!s) return null;
	const items = await db
		.selectFrom('review_items')
		.leftJoin('agencies as a', 'a.id', 'review_items.agency_id')
		.leftJoin('agencies as fa', 'fa.id', 'review_items.follow_up_agency_id')
		.selectAll('review_items')
		.select(['a.name as agency_name', 'fa.name as follow_up_agency_name'])
		.where('session_id', '=', id)
		.orderBy('position')
		.execute();
	const attendees = await db
		.selectFrom('review_attendees')
		.innerJoin('users', 'users.id', 'review_attendees.user_id')
		.leftJoin('agencies', 'agencies.id', 'users.agency_id')
		.select(['users.id', 'users.display_name', 'users.role', 'agencies.name as agency_name', 'review_attendees.joined_at'])
		.where('session_id', '=', id)
		.orderBy('review_attendees.joined_at')
		.execute();
	return {
		id: s.id,
		boardId: s.board_id,
		boardTitle: s.board_title,
		year: s.year,
		quarter: s.quarter,
		title: s.title,
		status: s.status as ReviewStatus,
		facilitatorId: s.facilitator_id,
		facilitatorName: s.facilitator_name ?? '',
		controllerId: s.controller_id,
		controllerName: s.controller_name ?? '',
		currentItemId: s.current_item_id,
		currentSince: s.current_since,
		asOf: s.as_of,
		createdAt: s.created_at,
		startedAt: s.started_at,
		closedAt: s.closed_at,
		snapshotId: s.snapshot_id,
		items: items.map((i): ReviewItem => ({
			id: i.id,
			cardId: i.card_id,
			position: i.position,
			bucket: i.bucket as AgendaBucket,
			agencyId: i.agency_id,
			agencyName: i.agency_name ?? null,
			code: i.card_code,
			title: i.card_title,
			statusBefore: i.status_before as Status,
			conclusion: i.conclusion,
			decision: i.decision as Status | null,
			followUp: i.follow_up,
			followUpAgencyId: i.follow_up_agency_id,
			followUpAgencyName: i.follow_up_agency_name ?? null,
			followUpDue: i.follow_up_due,
			elapsedMs: i.elapsed_ms,
			recordedAt: i.recorded_at,
			recordedBy: i.recorded_by
		})),
		attendees: attendees.map((a): ReviewAttendee => ({
			userId: a.id,
			name: a.display_name,
			role: a.role,
			agencyName: a.agency_name ?? null,
			joinedAt: a.joined_at
		})),
		serverNow: new Date().toISOString()
	};
}

export async function listSessions(db: DB, boardId: string): Promise<ReviewListEntry[]> {
	const rows = await db
		.selectFrom('review_sessions')
		.leftJoin('review_items', 'review_items.session_id', 'review_sessions.id')
		.select((eb) => [
			'review_sessions.id',
			'review_sessions.title',
			'review_sessions.year',
			'review_sessions.quarter',
			'review_sessions.status',
			'review_sessions.created_at',
			'review_sessions.closed_at',
			'review_sessions.snapshot_id',
			eb.fn.count<number>('review_items.id').as('item_count'),
			eb.fn.count<number>('review_items.recorded_at').as('recorded_count')
		])
		.where('review_sessions.board_id', '=', boardId)
		.groupBy('review_sessions.id')
		.orderBy('review_sessions.created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		year: r.year,
		quarter: r.quarter,
		status: r.status as ReviewStatus,
		createdAt: r.created_at,
		closedAt: r.closed_at,
		snapshotId: r.snapshot_id,
		itemCount: Number(r.item_count),
		recordedCount: Number(r.recorded_count)
	}));
}

/** Puts the items in the given order; the list must name every item of the session exactly once. */
export async function reorderItems(db: DB, sessionId: string, itemIds: string[]): Promise<boolean> {
	const rows = await db.selectFrom('review_items').select('id').where('session_id', '=', sessionId).execute();
	const existing = new Set(rows.map((r) => r.id));
	if (itemIds.length !== existing.size || new Set(itemIds).size !== itemIds.length || !itemIds.every((id) => existing.has(id))) {
		return false;
	}
	await db.transaction().execute(async (trx) => {
		for (const [position, id] of itemIds.entries()) {
			await trx.updateTable('review_items').set({ position }).where('id', '=', id).execute();
		}
	});
	return true;
}

/** Adds the running time of the current item to its total (on a switch of item, or at the close). */
async function accrueCurrent(db: DB, sessionId: string, now: Date): Promise<void> {
	const s = await sessionRow(db, sessionId);
	if (!s?.current_item_id || !s.current_since) return;
	const ms = Math.max(0, now.getTime() - new Date(s.current_since).getTime());
	await db
		.updateTable('review_items')
		.set((eb) => ({ elapsed_ms: eb('elapsed_ms', '+', ms) }))
		.where('id', '=', s.current_item_id)
		.execute();
}

/** Makes an item current; the first time any item is made current the meeting's clock starts. */
export async function setCurrentItem(db: DB, sessionId: string, itemId: string, now = new Date()): Promise<void> {
	const s = await sessionRow(db, sessionId);
	if (!s || s.current_item_id === itemId) return;
	await accrueCurrent(db, sessionId, now);
	await db
		.updateTable('review_sessions')
		.set({ current_item_id: itemId, current_since: now.toISOString(), started_at: s.started_at ?? now.toISOString() })
		.where('id', '=', sessionId)
		.execute();
}

export async function setController(db: DB, sessionId: string, userId: string): Promise<void> {
	await db.updateTable('review_sessions').set({ controller_id: userId }).where('id', '=', sessionId).execute();
}

export async function recordJoin(db: DB, sessionId: string, userId: string): Promise<void> {
	await db
		.insertInto('review_attendees')
		.values({ session_id: sessionId, user_id: userId, joined_at: new Date().toISOString() })
		.onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
		.execute();
}

export async function itemRow(db: DB, sessionId: string, itemId: string) {
	return db.selectFrom('review_items').selectAll().where('session_id', '=', sessionId).where('id', '=', itemId).executeTakeFirst();
}

export async function saveRecord(db: DB, itemId: string, input: ReviewRecordInput & { code: string; title: string }, userId: string): Promise<void> {
	await db
		.updateTable('review_items')
		.set({
			conclusion: input.conclusion,
			decision: input.decision,
			follow_up: input.followUp,
			follow_up_agency_id: input.followUpAgencyId,
			follow_up_due: input.followUpDue,
			card_code: input.code,
			card_title: input.title,
			recorded_at: new Date().toISOString(),
			recorded_by: userId
		})
		.where('id', '=', itemId)
		.execute();
}

export async function markClosed(db: DB, sessionId: string, snapshotId: string, now = new Date()): Promise<void> {
	await accrueCurrent(db, sessionId, now);
	await db
		.updateTable('review_sessions')
		.set({ status: 'closed', closed_at: now.toISOString(), current_since: null, snapshot_id: snapshotId })
		.where('id', '=', sessionId)
		.execute();
}
