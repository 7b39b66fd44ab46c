import { ImportError, bilingualMessage, type ImportErrorCode } from './import-error.js';

/**
 * Why an uploaded file is refused before any plan is read from it. Each reason is a code of the
 * error catalogue (src/lib/i18n/errors.ts) with one clear message there, in Vietnamese and English;
 * `code` keeps the text importer's broader class.
 */
export type RefusalReason = 'too_large' | 'encrypted' | 'corrupt' | 'zip_bomb' | 'unsupported' | 'not_a_plan' | 'no_header' | 'scanned' | 'timeout';

const BASE_CODE: Record<RefusalReason, ImportErrorCode> = {
	too_large: 'unreadable',
	encrypted: 'binary',
	corrupt: 'binary',
	zip_bomb: 'binary',
	unsupported: 'binary',
	not_a_plan: 'empty',
	no_header: 'empty',
	scanned: 'empty',
	timeout: 'unreadable'
};

/** Which kind of file a message speaks of. */
export type OfficeWhat = 'Word' | 'Excel' | 'PDF' | 'zip';

export class ImportRefusal extends ImportError {
	readonly reason: RefusalReason;

	constructor(reason: RefusalReason, params: Record<string, string | number> = {}) {
		super(BASE_CODE[reason], params, bilingualMessage(reason, params));
		this.name = 'ImportRefusal';
		this.reason = reason;
	}
}

export const refusals = {
	tooLarge: (limitMb: number) => new ImportRefusal('too_large', { limitMb }),
	encrypted: () => new ImportRefusal('encrypted'),
	corrupt: (what: OfficeWhat) => new ImportRefusal('corrupt', what === 'zip' ? { detail: 'zip' } : { what }),
	zipBomb: () => new ImportRefusal('zip_bomb'),
	/** An archive that is no Office document, or a returned workbook that is not an .xlsx. */
	unsupported: (detail: 'archive' | 'returned') => new ImportRefusal('unsupported', { detail }),
	notAPlan: () => new ImportRefusal('not_a_plan'),
	noHeader: () => new ImportRefusal('no_header'),
	tooMuchMemory: () => new ImportRefusal('too_large', { detail: 'memory' }),
	tooManyPages: (max: number) => new ImportRefusal('too_large', { detail: 'pages', limit: max }),
	scanned: () => new ImportRefusal('scanned'),
	/** A .doc without LibreOffice on the server, or an .xls: the refusal of before .doc was read. */
	oldOffice: () => new ImportRefusal('unsupported', { detail: 'old_office' }),
	oldWordUnreadable: () => new ImportRefusal('corrupt', { detail: 'old_word' }),
	timeout: () => new ImportRefusal('timeout')
};
