/**
 * Every /api request body that is not a file upload: at most JSON_BODY_LIMIT bytes, refused with 413
 * before anything else runs (sign-in included), and, when it is JSON, an object or an array — `null`,
 * a string or a number as a whole body is refused with 400, so that no handler meets one. File
 * uploads (plans, returned workbooks, attachments) have limits of their own, checked by their routes.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.js';
import { ApiError } from '../http-error.js';

export const JSON_BODY_LIMIT = 1024 * 1024;

const UPLOADS = [/^\/api\/import\/upload$/, /^\/api\/roundtrip\/upload$/, /^\/api\/boards\/[^/]+\/cards\/[^/]+\/attachments$/];

const limit = bodyLimit({
	maxSize: JSON_BODY_LIMIT,
	onError: () => {
		throw new ApiError(413, 'body_too_large', `Dữ liệu gửi lên quá lớn (tối đa ${JSON_BODY_LIMIT / 1024} KB)`);
	}
});

export function jsonBodies(): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const method = c.req.method;
		if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
		if (UPLOADS.some((re) => re.test(c.req.path))) return next();
		return limit(c, async () => {
			if ((c.req.header('content-type') ?? '').includes('application/json')) {
				const text = await c.req.text();
				if (text.trim() !== '') {
					let value: unknown;
					try {
						value = JSON.parse(text);
					} catch {
						throw new ApiError(400, 'bad_json', 'Dữ liệu gửi lên không hợp lệ');
					}
					if (value === null || typeof value !== 'object') throw new ApiError(400, 'bad_body', 'Dữ liệu gửi lên phải là một đối tượng JSON');
				}
			}
			await next();
		});
	};
}
