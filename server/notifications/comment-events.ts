/**
 * The outbox hook of the sync layer (RoomHooks.outbox): the comments an accepted update adds, and
 * the handlers it names (a card's `handler` set to a person), read from the Yjs transaction that
 * applied it. A comment is new when its map's item was created in this
 * transaction (its clock is at or past the transaction's state before). The event carries what the
 * dispatcher needs (card code, title, lead and support agencies, body), as the document had them.
 */
import * as Y from 'yjs';
import type { OutboxEvent } from '../sync/board-store.js';

export interface CommentEventPayload {
	cardId: string;
	code: string;
	title: string;
	lead: string[];
	support: string[];
	commentId: string;
	body: string;
	authorId: string | null;
	agencyId: string | null;
}

function isNew(tr: Y.Transaction, item: Y.Item): boolean {
	return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

export interface HandlerEventPayload {
	cardId: string;
	code: string;
	userId: string;
}

export function commentEvents(tr: Y.Transaction): OutboxEvent[] {
	const events: OutboxEvent[] = [];
	try {
		const cards = tr.doc.getMap('cards');
		for (const [type, keys] of tr.changed) {
			// A card whose handler was set in this transaction (an existing card; a new one has none yet).
			if (type instanceof Y.Map && keys.has('handler') && type._item?.parent === cards && type._item.parentSub) {
				const userId = type.get('handler');
				if (typeof userId === 'string') {
					const payload: HandlerEventPayload = { cardId: type._item.parentSub, code: String(type.get('code') ?? ''), userId };
					events.push({ type: 'handler', payload });
				}
			}
			const listItem = type._item;
			if (!(type instanceof Y.Array) || !listItem || listItem.parentSub !== 'comments') continue;
			const card = listItem.parent as Y.AbstractType<unknown>;
			const cardItem = card._item;
			if (!(card instanceof Y.Map) || !cardItem || cardItem.parent !== cards || !cardItem.parentSub) continue;
			for (const c of type.toArray()) {
				if (!(c instanceof Y.Map) || !c._item || !isNew(tr, c._item)) continue;
				const body = c.get('body');
				if (typeof body !== 'string') continue;
				const list = (k: string) => {
					const v = card.get(k);
					return v instanceof Y.Array ? v.toArray().filter((x): x is string => typeof x === 'string') : [];
				};
				const payload: CommentEventPayload = {
					cardId: cardItem.parentSub,
					code: String(card.get('code') ?? ''),
					title: String(card.get('title') ?? ''),
					lead: list('lead'),
					support: list('support'),
					commentId: String(c.get('id') ?? ''),
					body,
					authorId: typeof c.get('authorId') === 'string' ? (c.get('authorId') as string) : null,
					agencyId: typeof c.get('agencyId') === 'string' ? (c.get('agencyId') as string) : null
				};
				events.push({ type: 'comment', payload });
			}
		}
	} catch (err) {
		// Never let notifications stop the write path: the update is stored without its events.
		console.error(`notifications: reading new comments failed (${String(err)})`);
	}
	return events;
}
