/** The relational row of a card (cards table), as the projection and the importer write it. */
import type { CardData } from '../../src/lib/core/board-types.js';
import { searchKey } from '../../src/lib/core/text.js';

export function cardSearchText(card: CardData): string {
	const parts = [card.code, card.title, card.result, ...card.comments.filter((c) => !c.deleted).map((c) => c.body)];
	return searchKey(parts.join(' \n '));
}

export function toCardRow(boardId: string, c: CardData) {
	return {
		id: c.id,
		board_id: boardId,
		section_id: c.sectionId,
		code: c.code,
		title: c.title,
		status: c.status,
		progress: c.progress,
		lead_json: JSON.stringify(c.lead),
		support_json: JSON.stringify(c.support),
		deadline_raw: c.deadline.raw,
		deadline_kind: c.deadline.kind,
		deadline_due: c.deadline.due,
		completed_at: c.completedAt,
		result: c.result,
		order_key: c.order,
		comment_count: c.comments.filter((x) => !x.deleted).length,
		attachment_count: c.attachments.length,
		search_text: cardSearchText(c),
		updated_at: c.updatedAt,
		updated_by: c.updatedBy,
		handler_id: c.handler,
		archived_at: c.archived?.at ?? null
	};
}
