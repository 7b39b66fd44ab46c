/**
 * The error answer of every /api route: a stable code, the values the message needs, and the
 * message in the language the request asked for (Vietnamese unless `Accept-Language` prefers
 * English). Browsers translate `code` with `params` from the message catalogue
 * (src/lib/i18n/errors.ts); `message` is for scripts and logs.
 */
import type { ErrorCode } from '../../i18n/errors.js';

export type { ErrorCode } from '../../i18n/errors.js';

export type ErrorParams = Record<string, string | number>;

export interface ApiErrorBody {
	error: {
		code: ErrorCode | (string & {});
		params?: ErrorParams;
		message: string;
	};
}
