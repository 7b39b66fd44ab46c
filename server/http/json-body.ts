/**
 * Before sign-in, every /api request body that is not a file upload: at most JSON_BODY_LIMIT bytes
 * (413 `body_too_large`), and, when it is JSON, well-formed and an object or an array (400
 * `bad_json`, `bad_body`), so that nothing is parsed or hashed for a hostile body. Which routes take
 * uploads (with limits of their own) is read from the route declarations (declare-routes.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.js';
import { ApiError } from '../http-error.js';
import { declarationOf } from './declare-routes.js';

export const JSON_BODY_LIMIT = 1024 * 1024;
/**
 * A declared body over the limit but under this is read to its end (and dropped) before the 413, so
 * that the client, still sending, reads the answer instead of a reset connection. Beyond it the
 * connection is closed at once: nobody legitimate sends that much to a JSON route.
 */
export const DRAIN_LIMIT = 8 * JSON_BODY_LIMIT;

/** Reads a request body to its end (at most `max` bytes, then gives up) and drops it. */
export async function drain(body: ReadableStream<Uint8Array>, max: number): Promise<void> {
	const reader = body.getReader();
	let read = 0;
	try {
		while (read <= max) {
			const { done, value } = await reader.read();
			if (done) return;
			read += value.byteLength;
		}
		await reader.cancel();
	} catch {
		// The client went away: nothing to answer.
	}
}

const limit = bodyLimit({
	maxSize: JSON_BODY_LIMIT,
	onError: () => {
		throw new ApiError(413, 'body_too_large', { limitKb: JSON_BODY_LIMIT / 1024 });
	}
});

export function jsonBodies(): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const method = c.req.method;
		if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
		if (declarationOf(method, c.req.path)?.upload) return next();
		const declared = Number(c.req.header('content-length'));
		if (declared > JSON_BODY_LIMIT) {
			if (declared <= DRAIN_LIMIT && c.req.raw.body) await drain(c.req.raw.body, DRAIN_LIMIT);
			else c.header('Connection', 'close');
			throw new ApiError(413, 'body_too_large', { limitKb: JSON_BODY_LIMIT / 1024 });
		}
		return limit(c, async () => {
			if ((c.req.header('content-type') ?? '').includes('application/json')) {
				const text = await c.req.text();
				if (text.trim() !== '') {
					let value: unknown;
					try {
						value = JSON.parse(text);
					} catch {
						throw new ApiError(400, 'bad_json');
					}
					if (value === null || typeof value !== 'object') throw new ApiError(400, 'bad_body');
				}
			}
			await next();
		});
	};
}
