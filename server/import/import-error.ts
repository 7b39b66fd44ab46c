/** Why a file could not be imported. The message is one line, Vietnamese then English. */
export type ImportErrorCode = 'unreadable' | 'empty' | 'binary' | 'encoding';

export class ImportError extends Error {
	readonly code: ImportErrorCode;

	constructor(code: ImportErrorCode, message: string) {
		super(message);
		this.name = 'ImportError';
		this.code = code;
	}
}
