/** Untrusted input through a valibot schema: the parsed value, or an ApiError 400 with a code. */
import * as v from 'valibot';
import { ApiError } from '../http-error.js';
import type { ErrorParams } from '../../src/lib/core/api/error.js';
import { isErrorCode } from '../../src/lib/i18n/errors.js';

/**
 * A schema's own message is the code when it names one (`v.minLength(8, 'password_too_short')`),
 * `invalid_input` otherwise; `field` says where, `limit` is the bound a length or size check has.
 */
export function parseInput<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, value);
	if (result.success) return result.output;
	const issue = result.issues[0];
	const params: ErrorParams = { field: v.getDotPath(issue) || '(body)' };
	if (typeof issue.requirement === 'number') params.limit = issue.requirement;
	throw new ApiError(400, isErrorCode(issue.message) ? issue.message : 'invalid_input', params);
}
