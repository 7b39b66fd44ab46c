/**
 * Which files may be attached: PDF, Office documents, images and plain text. The type is decided
 * from the extension and confirmed from the content's structure (file-signatures.ts,
 * office-containers.ts), so a renamed executable, a WAV renamed .webp or a macro workbook renamed
 * .xlsx is refused.
 */
import { isGif, isJpeg, isPdf, isPng, isWebp } from './file-signatures.js';
import { isOdf, isOle, isOoxml } from './office-containers.js';

export interface AllowedType {
	mime: string;
	/** Whether the bytes are a file of this type. */
	check: (bytes: Uint8Array) => boolean;
}

export const ALLOWED_TYPES: Record<string, AllowedType> = {
	pdf: { mime: 'application/pdf', check: isPdf },
	docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: (b) => isOoxml(b, 'docx') },
	xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: (b) => isOoxml(b, 'xlsx') },
	pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: (b) => isOoxml(b, 'pptx') },
	odt: { mime: 'application/vnd.oasis.opendocument.text', check: (b) => isOdf(b, 'odt') },
	ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', check: (b) => isOdf(b, 'ods') },
	doc: { mime: 'application/msword', check: (b) => isOle(b, 'doc') },
	xls: { mime: 'application/vnd.ms-excel', check: (b) => isOle(b, 'xls') },
	ppt: { mime: 'application/vnd.ms-powerpoint', check: (b) => isOle(b, 'ppt') },
	png: { mime: 'image/png', check: isPng },
	jpg: { mime: 'image/jpeg', check: isJpeg },
	jpeg: { mime: 'image/jpeg', check: isJpeg },
	gif: { mime: 'image/gif', check: isGif },
	webp: { mime: 'image/webp', check: isWebp },
	txt: { mime: 'text/plain; charset=utf-8', check: isText },
	csv: { mime: 'text/csv; charset=utf-8', check: isText }
};

export function extensionOf(name: string): string {
	const m = /\.([a-z0-9]+)$/i.exec(name);
	return m ? m[1].toLowerCase() : '';
}

/** The MIME type to store for this file, or null when its type is not allowed. */
export function detectAllowedType(name: string, bytes: Uint8Array): string | null {
	const t = ALLOWED_TYPES[extensionOf(name)];
	return t && t.check(bytes) ? t.mime : null;
}

/** UTF-8 throughout (the whole file: a cut at 64 KiB could split a character) and no NUL byte. */
export function isText(bytes: Uint8Array): boolean {
	if (bytes.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}
