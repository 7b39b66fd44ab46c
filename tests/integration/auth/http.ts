/** Raw HTTP calls for the auth tests: they look at statuses and headers, not only at bodies. */
import WebSocket from 'ws';

export interface Call {
	status: number;
	headers: Headers;
	body: any;
}

export async function call(
	baseUrl: string,
	method: string,
	pathname: string,
	opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Call> {
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;
	if (opts.body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${baseUrl}${pathname}`, {
		method,
		headers,
		body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
	});
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// Not JSON; kept as text.
	}
	return { status: res.status, headers: res.headers, body };
}

export function loginCall(baseUrl: string, username: string, password: string, headers: Record<string, string> = {}) {
	return call(baseUrl, 'POST', '/api/auth/login', { body: { username, password }, headers });
}

/** An open raw socket and a promise of the code it is closed with. */
export async function openSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; closed: Promise<number> }> {
	const ws = new WebSocket(url, { headers });
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		ws.once('message', () => resolve());
		ws.once('close', (code) => reject(new Error(`socket closed before its first message (${code})`)));
		ws.once('error', reject);
	});
	return { ws, closed };
}
