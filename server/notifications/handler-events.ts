/**
 * "You were made this card's handler": a message to that person alone. Triggered by the outbox event
 * of an update that sets a card's `handler` (comment-events.ts → dispatcher), in the dispatcher's
 * transaction; the card's code comes with the event, its title from the projection when it has one.
 */
import type SQLite from 'better-sqlite3';
import { newId } from '../../src/lib/core/ids.js';

export interface HandlerAssignment {
	boardId: string;
	cardId: string;
	/** The card's code as the document had it (the projection may not have the card yet). */
	code?: string;
	userId: string;
	assignedBy: string | null;
	at: string;
}

export function notifyHandlerAssigned(sqlite: SQLite.Database, a: HandlerAssignment): string | null {
	const user = sqlite.prepare('select agency_id from users where id = ? and active = 1').get(a.userId) as { agency_id: string | null } | undefined;
	const card = sqlite.prepare('select code, title from cards where id = ? and board_id = ?').get(a.cardId, a.boardId) as
		| { code: string; title: string }
		| undefined;
	if (!user) return null;
	const code = card?.code ?? a.code ?? '';
	const title = card?.title ?? '';
	const by = a.assignedBy
		? (sqlite.prepare('select display_name from users where id = ?').get(a.assignedBy) as { display_name: string } | undefined)?.display_name
		: null;
	const id = newId();
	sqlite
		.prepare(`insert into inbox_messages (id, agency_id, board_id, kind, title, body, card_ids_json, sender_id, created_at, user_id)
			values (?, ?, ?, 'handler', ?, ?, ?, ?, ?, ?)`)
		.run(
			id,
			user.agency_id ?? '',
			a.boardId,
			`Bạn được giao xử lý nhiệm vụ ${code}`,
			`${by ? `${by} đã giao` : 'Bạn được giao'} xử lý nhiệm vụ ${code}.${title ? ` ${title}` : ''}`,
			JSON.stringify([a.cardId]),
			a.assignedBy,
			a.at,
			a.userId
		);
	return id;
}
