/** An upload the importer refused, as an API error: the refusal's code and the values its message needs. */
import { ApiError } from '../../http-error.js';
import { ImportError } from '../import-error.js';
import { ImportRefusal } from '../import-refusal.js';

export function refusalToApiError(e: unknown): unknown {
	if (e instanceof ImportRefusal) {
		const status = e.reason === 'too_large' ? 413 : e.reason === 'unsupported' ? 415 : 422;
		return new ApiError(status, e.reason, e.params);
	}
	if (e instanceof ImportError) return new ApiError(e.code === 'binary' ? 415 : 422, e.code, e.params);
	return e;
}
