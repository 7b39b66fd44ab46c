import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error with a status, a stable code and a Vietnamese message, sent as { error: { code, message } }. */
export class ApiError extends HTTPException {
	constructor(
		status: ContentfulStatusCode,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(status, { message });
	}
}

export function errorBody(code: string, message: string) {
	return { error: { code, message } };
}
