import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ErrorCode, ErrorParams } from '../src/lib/core/api/error.js';
import { errorMessage, type ErrorLocale } from '../src/lib/i18n/errors.js';

/**
 * A refusal with a status, a stable code and the values its message needs, sent as
 * { error: { code, params, message } }. The words live in the message catalogue
 * (src/lib/i18n/errors.ts), in Vietnamese and English, not here.
 */
export class ApiError extends HTTPException {
	constructor(
		status: ContentfulStatusCode,
		readonly code: ErrorCode,
		readonly params: ErrorParams = {},
		readonly headers: Record<string, string> = {},
		/** Machine-readable details sent beside code and message (e.g. retryAfter, in seconds). */
		readonly details: Record<string, string | number> = {}
	) {
		super(status, { message: code });
	}
}

/** The language of `message`: English when the caller's first choice is English, Vietnamese otherwise. */
export function errorLocale(acceptLanguage: string | undefined): ErrorLocale {
	return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'vi';
}

export function errorBody(
	code: ErrorCode,
	params: ErrorParams = {},
	lang: ErrorLocale = 'vi',
	details: Record<string, string | number> = {}
): ApiErrorBody {
	const hasParams = Object.keys(params).length > 0;
	return { error: { code, ...(hasParams ? { params } : {}), message: errorMessage(lang, code, params), ...details } };
}
