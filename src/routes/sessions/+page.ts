import type { PageLoad } from './$types';
import { loadJson } from '$lib/client/load-json.js';
import type { SessionList } from './session-types.js';

/** The user's sessions; ending some loads them again (`invalidate('app:sessions')`). */
export const load: PageLoad = async ({ depends }) => {
	depends('app:sessions');
	return loadJson<SessionList>('/api/auth/sessions');
};
