import { readFile } from 'node:fs/promises';
import { ImportError } from './import-error.js';
import { refusals } from './import-refusal.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from './limits.js';
import type { OfficeSource } from './office/source-builder.js';
import { detectSourceKind, type SourceKind } from './source-kind.js';
import { readDocx } from './docx/read-docx.js';

/** Share of control characters above which bytes are taken for a binary file. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Turns text file bytes into text. Plans arrive as UTF-8 (with or without BOM) or UTF-16 with a
 * BOM; anything empty, binary or in another encoding is refused with a clear message.
 */
export function decodeSource(bytes: Uint8Array): string {
	if (bytes.length === 0) throw new ImportError('empty', 'Tệp rỗng / The file is empty');
	let text: string;
	if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode('utf-16le', bytes.subarray(2));
	else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode('utf-16be', bytes.subarray(2));
	else {
		if (bytes.includes(0)) throw binary();
		text = decode('utf-8', bytes);
	}
	text = text.replace(/^\uFEFF/, '');
	// Control characters other than tab, newline and carriage return do not occur in plans.
	const controls = text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
	if (controls > text.length * MAX_CONTROL_SHARE) throw binary();
	if (!text.trim()) throw new ImportError('empty', 'Tệp không có nội dung / The file has no text');
	return text;
}

/** A plan file as text for the parser, whatever it arrived as, with where each line came from. */
export interface PlanSource extends OfficeSource {
	kind: SourceKind;
}

/**
 * Dispatches on what the bytes are (not on the name): a Word document or an Excel workbook is
 * read from its structure into the text form; anything else must be text.
 */
export async function readSourceBytes(bytes: Uint8Array, fileName = ''): Promise<PlanSource> {
	if (bytes.length > MAX_IMPORT_BYTES) throw refusals.tooLarge(MAX_IMPORT_MB);
	const kind = detectSourceKind(bytes, fileName);
	if (kind === 'text') return { kind, text: decodeSource(bytes), labels: {}, notes: [], unrecognisedTables: 0 };
	// The spreadsheet library is large: loaded only when a workbook arrives.
	const source = kind === 'docx' ? readDocx(bytes) : (await import('./xlsx/read-xlsx-plan.js')).readXlsxPlan(bytes);
	const read = await source;
	if (!read.text.trim()) throw new ImportError('empty', 'Tệp không có nội dung / The file has no text');
	return { kind, ...read };
}

/** Reads a plan file from disk (text, .docx or .xlsx); every failure is an ImportError with a one-line message. */
export async function readPlanSourceFile(path: string): Promise<PlanSource> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(path);
	} catch (e) {
		const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'không tồn tại / does not exist' : 'không đọc được / cannot be read';
		throw new ImportError('unreadable', `Tệp «${path}» ${reason}`);
	}
	return readSourceBytes(bytes, path);
}

/** The text the plan parser reads from a plan file. */
export async function readSourceFile(path: string): Promise<string> {
	return (await readPlanSourceFile(path)).text;
}

function decode(encoding: string, bytes: Uint8Array): string {
	try {
		return new TextDecoder(encoding, { fatal: true }).decode(bytes);
	} catch {
		throw new ImportError(
			'encoding',
			'Tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng UTF-8 / The file is not UTF-8 text; save it as UTF-8'
		);
	}
}

function binary(): ImportError {
	return new ImportError(
		'binary',
		'Tệp không phải văn bản, Word (.docx) hay Excel (.xlsx) / The file is not text, Word (.docx) or Excel (.xlsx)'
	);
}
