import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import type { SnapshotJson, SnapshotMeta } from '$lib/review/api-types.js';

/** The snapshot, and the board's other snapshots to compare it with. */
export const load: PageLoad = async ({ params }) => {
	const snap = await loadJson<SnapshotJson>(`/api/snapshots/${params.id}`);
	const others = (await loadJson<SnapshotMeta[]>(`/api/boards/${snap.boardId}/snapshots`)).filter((o) => o.id !== snap.id);
	return { snap, others };
};
