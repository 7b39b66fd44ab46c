import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import type { ReviewSession } from '$lib/review/review-types.js';
import type { SnapshotMeta } from '$lib/review/api-types.js';

export const load: PageLoad = async ({ params }) =>
	loadJson<{ session: ReviewSession; snapshot: SnapshotMeta | null }>(`/api/reviews/${params.sessionId}/minutes`);
