import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error with a status, a stable code and a Vietnamese message, sent as { error: { code, message } }. */
export class ApiError extends HTTPException {
	constructor(
		status: ContentfulStatusCode,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {},
		/** Machine-readable details sent beside code and message (e.g. retryAfter, in seconds). */
		readonly details: Record<string, string | number> = {}
	) {
		super(status, { message });
	}
}

export function errorBody(code: string, message: string, details: Record<string, string | number> = {}) {
	return { error: { code, message, ...details } };
}
