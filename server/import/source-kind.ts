/**
 * What kind of file a plan arrived as, from its bytes (the name's extension can lie): a Word
 * document, an Excel workbook, or text. Files the importer cannot read are refused here with a
 * message that says what to do instead.
 */
import { isZip, listEntries } from './office/zip-entries.js';
import { refusals, type OfficeWhat } from './import-refusal.js';

export type SourceKind = 'docx' | 'xlsx' | 'text';

/** Compound File Binary: the container of .doc/.xls, and of password-protected .docx/.xlsx. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function detectSourceKind(bytes: Uint8Array, fileName = ''): SourceKind {
	if (startsWith(bytes, CFB_MAGIC)) {
		if (containsUtf16(bytes, 'EncryptedPackage')) throw refusals.encrypted();
		throw refusals.unsupported(
			'Tệp Word/Excel 97–2003 (.doc, .xls) chưa được hỗ trợ; hãy mở và lưu lại thành .docx hoặc .xlsx / Word/Excel 97–2003 files are not supported; save as .docx or .xlsx'
		);
	}
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
		throw refusals.unsupported('Tệp PDF chưa được hỗ trợ; hãy gửi bản Word (.docx) / PDF files are not supported; send the Word (.docx) version');
	}
	if (isZip(bytes)) {
		const names = new Set(listEntries(bytes, officeWord(fileName)).map((e) => e.name));
		if (names.has('word/document.xml')) return 'docx';
		if (names.has('xl/workbook.xml')) return 'xlsx';
		if (names.has('EncryptedPackage')) throw refusals.encrypted();
		throw refusals.unsupported(
			'Tệp nén không phải tài liệu Word (.docx) hay Excel (.xlsx) / The archive is not a Word (.docx) or Excel (.xlsx) document'
		);
	}
	return 'text';
}

/** The word used in messages about a damaged file. */
export function officeWord(fileName: string): OfficeWhat {
	if (/\.xlsx$/i.test(fileName)) return 'Excel';
	if (/\.docx$/i.test(fileName)) return 'Word';
	return 'zip';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
	return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
	const needle = Buffer.from(text, 'utf16le');
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}
