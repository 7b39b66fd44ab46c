/**
 * Agency inboxes: messages addressed to an agency (a reminder to act on overdue tasks, a follow-up a
 * review assigned), read by every person of that agency. Read marks are per person.
 */
import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import { newId } from '../../src/lib/core/ids.js';
import type { InboxKind, InboxMessage } from '../../src/lib/review/api-types.js';
import { inboxWords, readText, storedText, type InboxText } from './inbox-text.js';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';

export type { InboxKind, InboxMessage };

export interface NewMessage {
	agencyId: string;
	boardId: string | null;
	kind: InboxKind;
	/** Title and body as notes, worded by the reader (inbox-text.ts). */
	text: InboxText;
	cardIds: string[];
	senderId: string | null;
}

export async function sendMessage(db: DB, m: NewMessage): Promise<string> {
	const id = newId();
	await db
		.insertInto('inbox_messages')
		.values({
			id,
			agency_id: m.agencyId,
			board_id: m.boardId,
			kind: m.kind,
			...storedText(m.text),
			card_ids_json: JSON.stringify(m.cardIds),
			sender_id: m.senderId,
			created_at: new Date().toISOString()
		})
		.execute();
	return id;
}

/**
 * What a person's inbox holds: the messages to their agency and those to them alone (a mention), but
 * not the comments and mentions they wrote themselves, and only those of their current organization.
 */
function visibleTo(user: SessionUser) {
	return (eb: ExpressionBuilder<Database, 'inbox_messages'>) =>
		eb.and([
			eb.or([
				eb.and([eb('inbox_messages.agency_id', '=', user.agencyId ?? ''), eb('inbox_messages.user_id', 'is', null)]),
				eb('inbox_messages.user_id', '=', user.id)
			]),
			eb.or([
				eb('inbox_messages.sender_id', 'is', null),
				eb('inbox_messages.sender_id', '!=', user.id),
				eb('inbox_messages.kind', 'not in', ['comment', 'mention'])
			]),
			// Only what concerns the organization the user works in now.
			eb.or([
				eb('inbox_messages.board_id', 'is', null),
				eb('inbox_messages.board_id', 'in', eb.selectFrom('boards').select('boards.id').where('boards.org_id', '=', user.orgId))
			])
		]);
}

/** The inbox of the user (their agency's messages and their own), newest first. */
export async function listInbox(db: DB, user: SessionUser, limit = 100): Promise<InboxMessage[]> {
	const rows = await db
		.selectFrom('inbox_messages')
		.leftJoin('boards', 'boards.id', 'inbox_messages.board_id')
		.leftJoin('users', 'users.id', 'inbox_messages.sender_id')
		.leftJoin('inbox_reads', (j) => j.onRef('inbox_reads.message_id', '=', 'inbox_messages.id').on('inbox_reads.user_id', '=', user.id))
		.selectAll('inbox_messages')
		.select(['boards.title as board_title', 'users.display_name as sender_name', 'inbox_reads.read_at'])
		.where(visibleTo(user))
		.orderBy('inbox_messages.created_at', 'desc')
		.orderBy('inbox_messages.id')
		.limit(limit)
		.execute();
	const cardIds = [...new Set(rows.flatMap((r) => JSON.parse(r.card_ids_json) as string[]))];
	const codes = new Map<string, string>();
	for (let i = 0; i < cardIds.length; i += 500) {
		const found = await db
			.selectFrom('cards')
			.select(['id', 'code'])
			.where('id', 'in', cardIds.slice(i, i + 500))
			.execute();
		for (const c of found) codes.set(c.id, c.code);
	}
	return rows.map((r) => ({
		id: r.id,
		agencyId: r.agency_id,
		boardId: r.board_id,
		boardTitle: r.board_title ?? null,
		kind: r.kind as InboxKind,
		...inboxWords('vi', r),
		text: readText(r.text_json),
		cardIds: JSON.parse(r.card_ids_json) as string[],
		cards: (JSON.parse(r.card_ids_json) as string[]).map((id) => ({ id, code: codes.get(id) ?? null })),
		senderId: r.sender_id,
		senderName: r.sender_name ?? null,
		createdAt: r.created_at,
		read: !!r.read_at
	}));
}

export async function unreadCount(db: DB, user: SessionUser): Promise<number> {
	const row = await db
		.selectFrom('inbox_messages')
		.leftJoin('inbox_reads', (j) => j.onRef('inbox_reads.message_id', '=', 'inbox_messages.id').on('inbox_reads.user_id', '=', user.id))
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where(visibleTo(user))
		.where('inbox_reads.read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Marks messages of the user's inbox as read (all of them when no ids are given). */
export async function markRead(db: DB, user: SessionUser, ids?: string[]): Promise<number> {
	let q = db.selectFrom('inbox_messages').select('inbox_messages.id').where(visibleTo(user));
	if (ids) q = q.where('inbox_messages.id', 'in', ids.length ? ids : ['']);
	const rows = await q.execute();
	const now = new Date().toISOString();
	for (const r of rows) {
		await db
			.insertInto('inbox_reads')
			.values({ message_id: r.id, user_id: user.id, read_at: now })
			.onConflict((oc) => oc.columns(['message_id', 'user_id']).doNothing())
			.execute();
	}
	return rows.length;
}

/** When each agency was last reminded about a board (for the standing office's list). */
export async function lastReminders(db: DB, boardId: string): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('inbox_messages')
		.select((eb) => ['agency_id', eb.fn.max('created_at').as('at')])
		.where('board_id', '=', boardId)
		.where('kind', '=', 'reminder')
		.groupBy('agency_id')
		.execute();
	return new Map(rows.map((r) => [r.agency_id, String(r.at)]));
}
