import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import type { BoardSummary } from '$lib/client/api-types.js';
import type { CommitteeMember } from '$lib/core/api/members.js';

/** The committee's members, and the boards each member's agency's tasks are on. */
export const load: PageLoad = async () => {
	const [members, boards] = await Promise.all([loadJson<CommitteeMember[]>('/api/members'), loadJson<BoardSummary[]>('/api/boards')]);
	return { members, boards };
};
