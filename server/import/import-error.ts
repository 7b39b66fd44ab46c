/**
 * Why a file could not be imported: a code of the error catalogue (src/lib/i18n/errors.ts) with the
 * values its message needs (`params.detail` picks a variant). Over HTTP the code and `params` are
 * sent and the browser words them; the message is the catalogue's one line, Vietnamese then English,
 * for the command line and logs.
 */
import { errorMessage } from '../../src/lib/i18n/errors.js';

export type ImportErrorCode = 'unreadable' | 'empty' | 'binary' | 'encoding';

/** The catalogue's wording of a code, Vietnamese then English, on one line. */
export function bilingualMessage(code: string, params: Record<string, string | number> = {}): string {
	return `${errorMessage('vi', code, params)} / ${errorMessage('en', code, params)}`;
}

export class ImportError extends Error {
	readonly code: ImportErrorCode;

	readonly params: Record<string, string | number>;

	constructor(code: ImportErrorCode, params: Record<string, string | number> = {}, message = bilingualMessage(code, params)) {
		super(message);
		this.name = 'ImportError';
		this.code = code;
		this.params = params;
	}
}
