/**
 * What kind of file a plan arrived as, from its bytes (the name's extension can lie): a PDF, a
 * Word document (.docx, or .doc for LibreOffice to convert), an Excel workbook, or text — and a
 * text file is a plain or Markdown plan, a Markdown file with pipe tables, an HTML page, or a
 * CSV/TSV table. Files the importer cannot read are refused here with a message that says what
 * to do instead.
 */
import { isZip, listEntries } from './office/zip-entries.js';
import { refusals, type OfficeWhat } from './import-refusal.js';
import { hasPipeTable } from './markdown/read-markdown.js';

export type { SourceKind } from '../../src/lib/core/api/import.js';
import type { SourceKind } from '../../src/lib/core/api/import.js';

/** The kinds read from text (decoded first). */
export type TextKind = Extract<SourceKind, 'text' | 'markdown' | 'html' | 'csv'>;

/** Compound File Binary: the container of .doc/.xls, and of password-protected .docx/.xlsx. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function detectSourceKind(bytes: Uint8Array, fileName = ''): SourceKind {
	if (startsWith(bytes, CFB_MAGIC)) {
		if (containsUtf16(bytes, 'EncryptedPackage')) throw refusals.encrypted();
		if (containsUtf16(bytes, 'WordDocument')) return 'doc';
		throw refusals.oldOffice();
	}
	if (isPdf(bytes)) return 'pdf';
	if (isZip(bytes)) {
		const names = new Set(listEntries(bytes, officeWord(fileName)).map((e) => e.name));
		if (names.has('word/document.xml')) return 'docx';
		if (names.has('xl/workbook.xml')) return 'xlsx';
		if (names.has('EncryptedPackage')) throw refusals.encrypted();
		throw refusals.unsupported('archive');
	}
	return 'text';
}

/**
 * Which text it is. The name decides for .csv/.tsv and .html/.htm; otherwise an HTML document
 * is recognised by its markup, and a text with a GFM pipe table is Markdown. Plain text plans
 * (with **bold** or <b> in them) stay text.
 */
export function detectTextKind(text: string, fileName = ''): TextKind {
	if (/\.(csv|tsv)$/i.test(fileName)) return 'csv';
	if (/\.html?$/i.test(fileName)) return 'html';
	const head = text.slice(0, 4096).trimStart().toLowerCase();
	if (/^(<!doctype html|<html|<\?xml[^>]*>\s*<html|<meta|<table|<body)/.test(head) || (/<table[\s>]/i.test(text) && /<\/t[dh]>/i.test(text)))
		return 'html';
	if (hasPipeTable(text)) return 'markdown';
	return 'text';
}

/** "%PDF-" in the first kilobyte (the header may follow a few bytes of junk). */
function isPdf(bytes: Uint8Array): boolean {
	return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

/** The word used in messages about a damaged file. */
export function officeWord(fileName: string): OfficeWhat {
	if (/\.xlsx$/i.test(fileName)) return 'Excel';
	if (/\.docx?$/i.test(fileName)) return 'Word';
	return 'zip';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
	return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
	const needle = Buffer.from(text, 'utf16le');
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}
