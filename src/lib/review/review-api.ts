/** The browser's calls to the review, snapshot, dashboard and inbox endpoints. */
import { getJson, postJson, request } from '../client/api.js';
import type { DashboardData, LateAgency, SnapshotJson, SnapshotMeta } from './api-types.js';
import type { ReviewListEntry, ReviewRecordInput, ReviewSession } from './review-types.js';
import type { SnapshotComparison } from './snapshot-compare.js';

async function putJson<T>(path: string, body: unknown): Promise<T> {
	const res = await request(path, {
		method: 'PUT',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	return (await res.json()) as T;
}

export const reviewApi = {
	list: (boardId: string) => getJson<ReviewListEntry[]>(`/api/boards/${boardId}/reviews`),
	open: (boardId: string, body: { year: number; quarter: number; title?: string }) => postJson<ReviewSession>(`/api/boards/${boardId}/reviews`, body),
	get: (id: string) => getJson<ReviewSession>(`/api/reviews/${id}`),
	join: (id: string) => postJson<ReviewSession>(`/api/reviews/${id}/join`),
	reorder: (id: string, itemIds: string[]) => putJson<ReviewSession>(`/api/reviews/${id}/order`, { itemIds }),
	current: (id: string, itemId: string) => postJson<ReviewSession>(`/api/reviews/${id}/current`, { itemId }),
	control: (id: string, userId: string | null) => postJson<ReviewSession>(`/api/reviews/${id}/control`, userId ? { userId } : {}),
	record: (id: string, itemId: string, input: ReviewRecordInput) => postJson<ReviewSession>(`/api/reviews/${id}/items/${itemId}`, input),
	close: (id: string) => postJson<ReviewSession>(`/api/reviews/${id}/close`),
	minutes: (id: string) => getJson<{ session: ReviewSession; snapshot: SnapshotMeta | null }>(`/api/reviews/${id}/minutes`)
};

export const snapshotApi = {
	list: (boardId: string) => getJson<SnapshotMeta[]>(`/api/boards/${boardId}/snapshots`),
	take: (boardId: string, name: string) => postJson<SnapshotMeta>(`/api/boards/${boardId}/snapshots`, { name }),
	get: (id: string) => getJson<SnapshotJson>(`/api/snapshots/${id}`),
	compare: (id: string, otherId: string | 'live') => getJson<SnapshotComparison>(`/api/snapshots/${id}/compare/${otherId}`)
};

export const dashboardApi = {
	/** The live board's dashboard, or a snapshot's. */
	get: (kind: 'board' | 'snapshot', id: string) => getJson<DashboardData>(`/api/${kind === 'board' ? 'boards' : 'snapshots'}/${id}/dashboard`),
	late: (boardId: string) => getJson<{ asOf: string; agencies: LateAgency[] }>(`/api/boards/${boardId}/late-agencies`),
	remind: (boardId: string, agencyIds?: string[], confirm = false) =>
		postJson<{ sent: { id: string; agencyId: string; tasks: number }[] }>(`/api/boards/${boardId}/reminders`, {
			...(agencyIds ? { agencyIds } : {}),
			...(confirm ? { confirm: true } : {})
		})
};

export const inboxApi = {
	unread: () => getJson<{ unread: number }>('/api/inbox/unread-count'),
	read: (ids?: string[]) => postJson<{ marked: number; unread: number }>('/api/inbox/read', ids ? { ids } : {})
};
