/**
 * Board-document changes a review meeting makes beyond the everyday accessors of board-doc.ts:
 * a new deadline for a follow-up. Written through the CARD keys so the document layout stays in
 * one contract.
 */
import type * as Y from 'yjs';
import { CARD, getCard, type Actor } from './board-doc.js';
import type { Deadline } from './board-types.js';
import { formatDate } from './dates.js';

/**
 * Gives a card a new due date decided by the committee. The printed deadline is kept inside the
 * new raw text ("30/09/2026 (gia hạn từ Quý II/2026)") so exports still show what the plan said.
 */
export function extendDeadline(doc: Y.Doc, cardId: string, due: string, actor: Actor): Deadline {
	const card = getCard(doc, cardId);
	const before = card.get(CARD.deadline) as Deadline | undefined;
	const original = before?.raw.replace(/^.*\(gia hạn từ (.*)\)$/, '$1') ?? '';
	const raw = original ? `${formatDate(due)} (gia hạn từ ${original})` : formatDate(due);
	const deadline: Deadline = { raw, kind: 'date', due };
	doc.transact(() => {
		card.set(CARD.deadline, deadline);
		card.set(CARD.updatedAt, (actor.now ?? new Date()).toISOString());
		card.set(CARD.updatedBy, actor.userId);
	});
	return deadline;
}
