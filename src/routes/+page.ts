import type { PageLoad } from './$types';
import { getJson } from '$lib/client/api.js';
import { loadJson } from '$lib/client/load-json.js';
import type { BoardSnapshot, BoardSummary } from '$lib/client/api-types.js';

/**
 * The boards, and each board's tasks (not the archived ones, which are off the board): the counts
 * when the list has none, and the tasks of the signed-in person and their agency, which the page
 * picks out. A board whose document does not come is shown without its tasks.
 */
export const load: PageLoad = async () => {
	const boards = await loadJson<BoardSummary[]>('/api/boards');
	const cards = await Promise.all(
		boards.map((b) =>
			getJson<BoardSnapshot>(`/api/boards/${b.id}`).then(
				(snap) => snap.cards.filter((c) => !c.archived),
				() => []
			)
		)
	);
	return { boards, cards };
};
