import { ImportError, type ImportErrorCode } from './import-error.js';

/**
 * Why an uploaded file is refused before any plan is read from it. Each reason has one clear
 * Vietnamese message (then English); `code` keeps the text importer's broader class.
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

	constructor(reason: RefusalReason, message: string, params: Record<string, string | number> = {}) {
		super(BASE_CODE[reason], message, params);
		this.name = 'ImportRefusal';
		this.reason = reason;
	}
}

export const refusals = {
	tooLarge: (limitMb: number) =>
		new ImportRefusal('too_large', `Tệp quá lớn: tối đa ${limitMb} MB / The file is too large: at most ${limitMb} MB`, { limitMb }),
	encrypted: () =>
		new ImportRefusal(
			'encrypted',
			'Tệp được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại / The file is password-protected; remove the password and upload it again'
		),
	corrupt: (what: OfficeWhat) =>
		new ImportRefusal(
			'corrupt',
			`Tệp ${what === 'zip' ? 'nén' : what} bị hỏng, không đọc được / The ${what === 'zip' ? 'archive' : what} file is damaged and cannot be read`,
			what === 'zip' ? { detail: 'zip' } : { what }
		),
	zipBomb: () =>
		new ImportRefusal('zip_bomb', 'Tệp nén bất thường (giải nén ra quá lớn), đã từ chối / The file expands to an abnormal size and was refused'),
	unsupported: (what: string, detail: 'archive' | 'returned') => new ImportRefusal('unsupported', what, { detail }),
	notAPlan: () =>
		new ImportRefusal(
			'not_a_plan',
			'Tệp không giống một kế hoạch: không có bảng nhiệm vụ hay phần phân công nhiệm vụ / The file does not look like a plan: no task table or assignment of duties'
		),
	noHeader: () =>
		new ImportRefusal(
			'no_header',
			'Không nhận ra hàng tiêu đề của bảng (cần các cột như «STT», «Nhiệm vụ», «Cơ quan chủ trì») / No recognisable table header (columns such as STT, Nhiệm vụ, Cơ quan chủ trì)'
		),
	tooMuchMemory: () =>
		new ImportRefusal('too_large', 'Tệp cần quá nhiều bộ nhớ để đọc nên đã dừng / Reading the file needed too much memory and was stopped', {
			detail: 'memory'
		}),
	tooManyPages: (max: number) =>
		new ImportRefusal('too_large', `Tệp PDF quá nhiều trang: tối đa ${max} trang / The PDF has too many pages: at most ${max}`, {
			detail: 'pages',
			limit: max
		}),
	scanned: () =>
		new ImportRefusal(
			'scanned',
			'Tệp PDF chỉ có hình ảnh (bản quét), không có chữ để đọc; hãy gửi bản Word (.docx) hoặc bản PDF lưu trực tiếp từ Word / The PDF holds only images (a scan) and no text to read; send the Word (.docx) file or a PDF saved directly from Word'
		),
	/** A .doc without LibreOffice on the server, or an .xls: the refusal of before .doc was read. */
	oldOffice: () =>
		new ImportRefusal(
			'unsupported',
			'Tệp Word/Excel 97–2003 (.doc, .xls) chưa được hỗ trợ; hãy mở và lưu lại thành .docx hoặc .xlsx / Word/Excel 97–2003 files are not supported; save as .docx or .xlsx',
			{ detail: 'old_office' }
		),
	oldWordUnreadable: () =>
		new ImportRefusal(
			'corrupt',
			'Không chuyển được tệp Word 97–2003 (.doc) sang .docx (tệp hỏng hoặc chuyển quá lâu); hãy mở và lưu lại thành .docx / The Word 97–2003 (.doc) file could not be converted (damaged, or too slow); save it as .docx',
			{ detail: 'old_word' }
		),
	timeout: () => new ImportRefusal('timeout', 'Đọc tệp quá lâu nên đã dừng; hãy kiểm tra lại tệp / Reading the file took too long and was stopped')
};
