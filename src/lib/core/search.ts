/**
 * Board search that ignores diacritics, tone-mark placement ("hòa"/"hoà"), đ/d and case, so officials
 * can type "so tai chinh" on any keyboard. Text is folded once per card (when the card changes), and
 * a query is folded once per keystroke; matching is then plain substring tests.
 */
import { searchKey } from './text.js';

export interface SearchableCard {
	code: string;
	title: string;
	result: string;
	comments: readonly { body: string; deleted?: boolean }[];
	lead: readonly string[];
	support: readonly string[];
}

/** Separates fields so a query cannot match across the end of one and the start of the next. */
const FIELD_SEPARATOR = '\n';

/**
 * The folded text a card is searched by: code, title, result ("kết quả thực hiện"), the comments
 * that are not deleted and, when a name lookup is given, the names of its agencies.
 */
export function cardSearchText(card: SearchableCard, agencyName?: (id: string) => string | undefined): string {
	const parts = [card.code, card.title, card.result];
	for (const c of card.comments) if (!c.deleted) parts.push(c.body);
	if (agencyName) {
		for (const id of [...card.lead, ...card.support]) {
			const name = agencyName(id);
			if (name) parts.push(name);
		}
	}
	return parts.map(searchKey).join(FIELD_SEPARATOR);
}

/** A query folded into its words; an empty list matches everything. */
export function parseQuery(query: string): string[] {
	return searchKey(query)
		.split(' ')
		.filter((w) => w.length > 0);
}

/** Every word of the query occurs in the text (in any order). */
export function matchesQuery(searchText: string, words: readonly string[]): boolean {
	for (const w of words) if (!searchText.includes(w)) return false;
	return true;
}
