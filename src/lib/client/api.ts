/**
 * JSON calls to the server's /api. A 401 sends the browser to the sign-in page (and back here
 * afterwards); other errors become an ApiError carrying the server's code and params, whose
 * message is worded from the error catalogue in the interface language when it is read.
 */
import type { ApiErrorBody, ErrorParams } from '$lib/core/api/error.js';
import { errorText } from '$lib/i18n/index.svelte.js';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly params: ErrorParams = {}
	) {
		super(code);
		// Read in the language shown now, so a message kept on screen follows a switch of language.
		Object.defineProperty(this, 'message', { get: () => errorText(this.code, { status: this.status, ...this.params }) });
	}

	/** The error of an answer body (or of a status alone when the body is not the API's). */
	static of(status: number, body: unknown): ApiError {
		const error = (body as Partial<ApiErrorBody> | null)?.error;
		return typeof error?.code === 'string' ? new ApiError(status, error.code, error.params ?? {}) : new ApiError(status, `http_${status}`);
	}
}

/** The sign-in page, asked to come back to the current page. */
export function loginUrl(): string {
	const here = location.pathname + location.search;
	return `/login?next=${encodeURIComponent(here)}`;
}

export function goToLogin(): void {
	if (!location.pathname.startsWith('/login')) location.assign(loginUrl());
}

export async function readError(res: Response): Promise<ApiError> {
	let body: unknown = null;
	try {
		body = await res.json();
	} catch {
		// Not JSON (a proxy's page): the status says enough.
	}
	return ApiError.of(res.status, body);
}

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
	const res = await fetch(path, { credentials: 'same-origin', ...init });
	if (res.status === 401) {
		goToLogin();
		throw await readError(res);
	}
	if (!res.ok) throw await readError(res);
	return res;
}

export async function getJson<T>(path: string): Promise<T> {
	const res = await request(path, { headers: { accept: 'application/json' } });
	return (await res.json()) as T;
}

export async function putJson<T>(path: string, body: unknown = {}): Promise<T> {
	const res = await request(path, {
		method: 'PUT',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	return (await res.json()) as T;
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
	const res = await request(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	return (await res.json()) as T;
}
