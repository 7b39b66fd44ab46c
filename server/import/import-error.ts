/**
 * Why a file could not be imported. The message is one line, Vietnamese then English (for the
 * command line); over HTTP the code and `params` are sent and the browser words them from the
 * error catalogue (src/lib/i18n/errors.ts, `params.detail` picks a variant).
 */
export type ImportErrorCode = 'unreadable' | 'empty' | 'binary' | 'encoding';

export class ImportError extends Error {
	readonly code: ImportErrorCode;

	readonly params: Record<string, string | number>;

	constructor(code: ImportErrorCode, message: string, params: Record<string, string | number> = {}) {
		super(message);
		this.name = 'ImportError';
		this.code = code;
		this.params = params;
	}
}
