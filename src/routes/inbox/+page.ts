import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import type { InboxMessage } from '$lib/review/api-types.js';

/** The agency's messages; marking some read loads them again (`invalidate('app:inbox')`). */
export const load: PageLoad = async ({ depends }) => {
	depends('app:inbox');
	return { messages: await loadJson<InboxMessage[]>('/api/inbox') };
};
