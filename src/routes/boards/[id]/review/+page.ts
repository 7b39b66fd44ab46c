import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import type { ReviewListEntry } from '$lib/review/review-types.js';

export const load: PageLoad = async ({ params }) => {
	const [board, list] = await Promise.all([
		loadJson<{ title: string }>(`/api/boards/${params.id}`),
		loadJson<ReviewListEntry[]>(`/api/boards/${params.id}/reviews`)
	]);
	return { title: board.title, list };
};
