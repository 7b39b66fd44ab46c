/**
 * JSON for a page's `load`: an API refusal becomes the page's error (shown by +error.svelte in the
 * interface language, from its code), so that a missing board or snapshot is a not-found page; a
 * request that never reached the server is the catalogue's `network`.
 */
import { error } from '@sveltejs/kit';
import { ApiError, getJson } from './api.js';

export async function loadJson<T>(path: string): Promise<T> {
	try {
		return await getJson<T>(path);
	} catch (e) {
		if (e instanceof ApiError) error(e.status >= 400 ? e.status : 500, { message: e.message, code: e.code, params: e.params });
		// fetch itself failed: no network, and no offline copy of this answer.
		if (e instanceof TypeError) error(503, { message: e.message, code: 'network' });
		throw e;
	}
}
