import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import type { DashboardData } from '$lib/review/api-types.js';

export const load: PageLoad = async ({ params }) => ({ dashboard: await loadJson<DashboardData>(`/api/snapshots/${params.id}/dashboard`) });
