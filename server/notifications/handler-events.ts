/**
 * "You were made this card's handler": a message to that person alone. Triggered by the outbox event
 * of an update that sets a card's `handler` (comment-events.ts → dispatcher), in the dispatcher's
 * transaction; the card's code comes with the event, its title from the projection when it has one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { newId } from '../../src/lib/core/ids.js';
import { note } from '../../src/lib/core/api/notes.js';
import { storedText } from '../inbox/inbox-text.js';

export interface HandlerAssignment {
	boardId: string;
	cardId: string;
	/** The card's code as the document had it (the projection may not have the card yet). */
	code?: string;
	userId: string;
	assignedBy: string | null;
	at: string;
}

export async function notifyHandlerAssigned(db: Kysely<Database>, a: HandlerAssignment): Promise<string | null> {
	const user = await db.selectFrom('users').select('agency_id').where('id', '=', a.userId).where('active', '=', 1).executeTakeFirst();
	if (!user) return null;
	const card = await db.selectFrom('cards').select(['code', 'title']).where('id', '=', a.cardId).where('board_id', '=', a.boardId).executeTakeFirst();
	const code = card?.code ?? a.code ?? '';
	const title = card?.title ?? '';
	const by = a.assignedBy
		? (await db.selectFrom('users').select('display_name').where('id', '=', a.assignedBy).executeTakeFirst())?.display_name
		: null;
	const id = newId();
	await db
		.insertInto('inbox_messages')
		.values({
			id,
			agency_id: user.agency_id ?? '',
			board_id: a.boardId,
			kind: 'handler',
			...storedText({
				title: note('inbox_handler_title', { code }),
				body: by ? note('inbox_handler_body_by', { by, code, title }) : note('inbox_handler_body', { code, title })
			}),
			card_ids_json: JSON.stringify([a.cardId]),
			sender_id: a.assignedBy,
			created_at: a.at,
			user_id: a.userId
		})
		.execute();
	return id;
}
