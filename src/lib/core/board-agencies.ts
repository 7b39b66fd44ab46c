/**
 * Agency references inside a board document: the lead and support columns of cards and the agency a
 * comment was written for. Used when two agencies turn out to be one (a merger, a second spelling)
 * and every reference to the old one must point at the other.
 */
import * as Y from 'yjs';
import { CARD, cardsMap, getCard } from './board-doc.js';

function agencyArray(card: Y.Map<unknown>, key: typeof CARD.lead | typeof CARD.support): Y.Array<string> | null {
	const v = card.get(key);
	return v instanceof Y.Array ? (v as Y.Array<string>) : null;
}

function commentMaps(card: Y.Map<unknown>): Y.Map<unknown>[] {
	const v = card.get(CARD.comments);
	return v instanceof Y.Array ? (v.toArray() as Y.Map<unknown>[]) : [];
}

/** Whether a card names the agency in its lead or support column or in one of its comments. */
export function cardMentionsAgency(card: Y.Map<unknown>, agencyId: string): boolean {
	return (
		!!agencyArray(card, CARD.lead)?.toArray().includes(agencyId) ||
		!!agencyArray(card, CARD.support)?.toArray().includes(agencyId) ||
		commentMaps(card).some((m) => m.get('agencyId') === agencyId)
	);
}

/** Ids of the cards of a board that mention the agency. */
export function cardsMentioningAgency(doc: Y.Doc, agencyId: string): string[] {
	const ids: string[] = [];
	cardsMap(doc).forEach((card, id) => {
		if (cardMentionsAgency(card, agencyId)) ids.push(id);
	});
	return ids;
}

/** Replaces `fromId` by `toId` in one array, in place, without creating a duplicate. */
function replaceIn(arr: Y.Array<string>, fromId: string, toId: string): void {
	const items = arr.toArray();
	const at = items.indexOf(fromId);
	if (at < 0) return;
	arr.delete(at, 1);
	if (!items.includes(toId)) arr.insert(at, [toId]);
}

/**
 * Makes a card refer to `toId` wherever it referred to `fromId`. An agency that ends up leading the
 * card is not also listed as supporting it. Returns whether the card changed.
 */
export function replaceAgencyInCard(doc: Y.Doc, cardId: string, fromId: string, toId: string): boolean {
	const card = getCard(doc, cardId);
	if (fromId === toId || !cardMentionsAgency(card, fromId)) return false;
	doc.transact(() => {
		const lead = agencyArray(card, CARD.lead);
		const support = agencyArray(card, CARD.support);
		if (lead) replaceIn(lead, fromId, toId);
		if (support) {
			replaceIn(support, fromId, toId);
			const dup = support.toArray().indexOf(toId);
			if (dup >= 0 && lead?.toArray().includes(toId)) support.delete(dup, 1);
		}
		for (const m of commentMaps(card)) if (m.get('agencyId') === fromId) m.set('agencyId', toId);
	});
	return true;
}

/** Replaces the agency in every card of the board; returns the ids of the cards changed. */
export function replaceAgency(doc: Y.Doc, fromId: string, toId: string): string[] {
	const changed: string[] = [];
	doc.transact(() => {
		for (const id of cardsMentioningAgency(doc, fromId)) if (replaceAgencyInCard(doc, id, fromId, toId)) changed.push(id);
	});
	return changed;
}
