/**
 * Response headers that keep the browser on our side. API answers: never stored by a cache (signed-in
 * data on a shared office computer), never sniffed, never framed, no referrer sent on. Pages and
 * static files: the same framing, sniffing and referrer rules; their Content-Security-Policy comes from
 * SvelteKit (svelte.config.js `kit.csp`, with a nonce for its inline start-up script), and here it
 * learns the WebSocket origin of this host for the live board (`connect-src`), which a static
 * configuration cannot know.
 */
import type { MiddlewareHandler } from 'hono';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppEnv } from '../app-env.js';

/** Headers every response carries, page or API. */
export function commonSecurityHeaders(secure: boolean): Record<string, string> {
	return {
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'same-origin',
		'X-Frame-Options': 'DENY',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
		// Only behind HTTPS (SECURE_COOKIES=1): a browser told this over plain HTTP would lock itself out.
		...(secure ? { 'Strict-Transport-Security': 'max-age=31536000' } : {})
	};
}

/** API answers are data, never documents: nothing may run, load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function apiSecurityHeaders(secure: boolean): MiddlewareHandler<AppEnv> {
	const headers = { ...commonSecurityHeaders(secure), 'Cache-Control': 'no-store', 'Content-Security-Policy': API_CSP };
	return async (c, next) => {
		await next();
		// Downloads (attachments, exports, snapshot states) set their own Cache-Control: no-store wins.
		for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
		c.res.headers.delete('Expires');
		c.res.headers.delete('Pragma');
	};
}

/** A Host header fit to be written into a policy: a name or address and a port, nothing else. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Adds ws:// and wss:// of the request's host to `connect-src` ('self' does not cover them in every browser). */
export function withSocketOrigins(policy: string, host: string | undefined): string {
	if (!host || !HOST.test(host)) return policy;
	return policy
		.split(';')
		.map((d) => (d.trim().startsWith('connect-src') ? `${d.trimEnd()} ws://${host} wss://${host}` : d))
		.join(';');
}

/** For the SvelteKit handler's responses (pages, built assets, static files). */
export function applyPageSecurityHeaders(req: IncomingMessage, res: ServerResponse, secure: boolean): void {
	for (const [k, v] of Object.entries(commonSecurityHeaders(secure))) res.setHeader(k, v);
	const writeHead = res.writeHead;
	res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
		const csp = res.getHeader('content-security-policy');
		if (typeof csp === 'string') res.setHeader('content-security-policy', withSocketOrigins(csp, req.headers.host));
		return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
	} as ServerResponse['writeHead'];
}
