/**
 * JSON calls to the server's /api. A 401 sends the browser to the sign-in page (and back here
 * afterwards); other errors become an ApiError carrying the server's Vietnamese message.
 */

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
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
	let code = 'http_' + res.status;
	let message = res.statusText || String(res.status);
	try {
		const body = (await res.json()) as { error?: { code?: string; message?: string } };
		if (body.error?.message) message = body.error.message;
		if (body.error?.code) code = body.error.code;
	} catch {
		// Not JSON (a proxy's page): keep the status text.
	}
	return new ApiError(res.status, code, message);
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
