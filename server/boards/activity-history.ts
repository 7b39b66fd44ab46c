/**
 * A card's history as people read it: consecutive edits by the same person to the same text field
 * (a result typed over a minute is hundreds of updates) become one entry, merged at read time, so the
 * stored log keeps every update's attribution. Status, deadline, assignment, progress and any other
 * field are never merged, and an edit of another field in between starts a new entry.
 */

/** Text fields whose consecutive edits are merged. */
export const MERGED_FIELDS = new Set(['title', 'result']);

/** Edits further apart than this are separate entries. */
export const MERGE_GAP_MS = 5 * 60_000;

export interface ActivityRowOut {
	id: number | string;
	cardId: string | null;
	field: string;
	at: string;
	userId: string | null;
	[k: string]: unknown;
}

export type MergedActivity<T extends ActivityRowOut> = T & {
	/** How many stored edits this entry stands for (1 when nothing was merged). */
	edits: number;
	/** When the first of them was made (`at` is the last). */
	since: string;
};

/** Rows newest first in, entries newest first out. */
export function mergeActivity<T extends ActivityRowOut>(rows: readonly T[]): MergedActivity<T>[] {
	const out: MergedActivity<T>[] = [];
	/** The latest entry of each card so far (the one a next, older row may join). */
	const lastOfCard = new Map<string | null, MergedActivity<T>>();
	for (const row of rows) {
		const prev = lastOfCard.get(row.cardId);
		if (
			prev &&
			MERGED_FIELDS.has(row.field) &&
			prev.field === row.field &&
			prev.userId === row.userId &&
			Date.parse(prev.since) - Date.parse(row.at) <= MERGE_GAP_MS
		) {
			prev.edits++;
			prev.since = row.at;
			continue;
		}
		const entry = { ...row, edits: 1, since: row.at } as MergedActivity<T>;
		out.push(entry);
		lastOfCard.set(row.cardId, entry);
	}
	return out;
}
