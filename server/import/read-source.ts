import { readFile } from 'node:fs/promises';
import { ImportError } from './import-error.js';
import { refusals } from './import-refusal.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from './limits.js';
import type { OfficeSource } from './office/source-builder.js';
import { detectSourceKind, detectTextKind, type SourceKind } from './source-kind.js';
import { readDocx } from './docx/read-docx.js';
import { convertDocToDocx } from './doc/convert-doc.js';
import { readCsv } from './csv/read-csv.js';
import { readHtml } from './html/read-html.js';
import { readMarkdown } from './markdown/read-markdown.js';

/** Share of control characters above which bytes are taken for a binary file. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Turns text file bytes into text. Plans arrive as UTF-8 (with or without BOM) or UTF-16 with a
 * BOM; anything empty, binary or in another encoding is refused with a clear message.
 */
export function decodeSource(bytes: Uint8Array): string {
	if (bytes.length === 0) throw new ImportError('empty');
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
	if (!text.trim()) throw new ImportError('empty');
	return text;
}

/** A plan file as text for the parser, whatever it arrived as, with where each line came from. */
export interface PlanSource extends OfficeSource {
	kind: SourceKind;
}

/**
 * Dispatches on what the bytes are (not on the name): a PDF, a Word document (.doc through
 * LibreOffice), an Excel workbook, or text — plain, Markdown with pipe tables, HTML or CSV — is
 * read into the text form. The readers of large formats are loaded only when such a file arrives.
 */
export async function readSourceBytes(bytes: Uint8Array, fileName = ''): Promise<PlanSource> {
	if (bytes.length > MAX_IMPORT_BYTES) throw refusals.tooLarge(MAX_IMPORT_MB);
	const kind = detectSourceKind(bytes, fileName);
	const read = await readKind(kind, bytes, fileName);
	if (!read.text.trim()) throw new ImportError('empty');
	return read;
}

async function readKind(kind: SourceKind, bytes: Uint8Array, fileName: string): Promise<PlanSource> {
	switch (kind) {
		case 'docx':
			return { kind, ...readDocx(bytes) };
		case 'doc':
			return { kind, ...readDocx(await convertDocToDocx(bytes)) };
		case 'xlsx':
			return { kind, ...(await (await import('./xlsx/read-xlsx-plan.js')).readXlsxPlan(bytes)) };
		case 'pdf':
			return { kind, ...(await (await import('./pdf/read-pdf.js')).readPdf(bytes)) };
		default:
			return readText(bytes, fileName);
	}
}

/** A text file: plain and Markdown-ish plans go to the parser as they are; tables are read first. */
function readText(bytes: Uint8Array, fileName: string): PlanSource {
	const text = decodeText(bytes, fileName);
	const kind = detectTextKind(text, fileName);
	switch (kind) {
		case 'csv':
			return { kind, ...readCsv(text, fileName) };
		case 'html':
			return { kind, ...readHtml(text) };
		case 'markdown':
			return { kind, ...readMarkdown(text) };
		default:
			return { kind, text, labels: {}, notes: [], unrecognisedTables: 0 };
	}
}

/**
 * An HTML page saved by Word may be in a legacy code page (windows-1258 for Vietnamese) that its
 * <meta charset> names; anything else must be UTF-8 or UTF-16.
 */
function decodeText(bytes: Uint8Array, fileName: string): string {
	try {
		return decodeSource(bytes);
	} catch (e) {
		if (!(e instanceof ImportError) || e.code !== 'encoding') throw e;
		const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
		const charset = head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i)?.[1];
		if (!charset || !(/\.html?$/i.test(fileName) || /<html|<table/i.test(head))) throw e;
		try {
			return new TextDecoder(charset.toLowerCase(), { fatal: true }).decode(bytes);
		} catch {
			throw e;
		}
	}
}

/** Reads a plan file from disk (any kind readSourceBytes reads); every failure is an ImportError with a one-line message. */
export async function readPlanSourceFile(path: string): Promise<PlanSource> {
	return readSourceBytes(await readPlanBytes(path), path);
}

/** A plan file's bytes; a missing, unreadable or too large file is an ImportError. */
export async function readPlanBytes(path: string): Promise<Uint8Array> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(path);
	} catch (e) {
		throw new ImportError('unreadable', { detail: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'file', path });
	}
	if (bytes.length > MAX_IMPORT_BYTES) throw refusals.tooLarge(MAX_IMPORT_MB);
	return bytes;
}

/** The text the plan parser reads from a plan file. */
export async function readSourceFile(path: string): Promise<string> {
	return (await readPlanSourceFile(path)).text;
}

function decode(encoding: string, bytes: Uint8Array): string {
	try {
		return new TextDecoder(encoding, { fatal: true }).decode(bytes);
	} catch {
		throw new ImportError('encoding');
	}
}

function binary(): ImportError {
	return new ImportError('binary');
}
