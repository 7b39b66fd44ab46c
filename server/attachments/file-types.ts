/**
 * Which files may be attached: PDF, Office documents, images and plain text. The type is decided
 * from the extension and confirmed from the first bytes, so a renamed executable is refused.
 */
export interface AllowedType {
	mime: string;
	/** Leading bytes the file must start with; null for text (checked separately). */
	magic: number[][] | null;
}

const ZIP = [[0x50, 0x4b, 0x03, 0x04]];
const OLE = [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]];

export const ALLOWED_TYPES: Record<string, AllowedType> = {
	pdf: { mime: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
	docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
	xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
	pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: ZIP },
	odt: { mime: 'application/vnd.oasis.opendocument.text', magic: ZIP },
	ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', magic: ZIP },
	doc: { mime: 'application/msword', magic: OLE },
	xls: { mime: 'application/vnd.ms-excel', magic: OLE },
	ppt: { mime: 'application/vnd.ms-powerpoint', magic: OLE },
	png: { mime: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
	jpg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
	jpeg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
	gif: { mime: 'image/gif', magic: [[0x47, 0x49, 0x46, 0x38]] },
	webp: { mime: 'image/webp', magic: [[0x52, 0x49, 0x46, 0x46]] },
	txt: { mime: 'text/plain; charset=utf-8', magic: null },
	csv: { mime: 'text/csv; charset=utf-8', magic: null }
};

export function extensionOf(name: string): string {
	const m = /\.([a-z0-9]+)$/i.exec(name);
	return m ? m[1].toLowerCase() : '';
}

/** The MIME type to store for this file, or null when its type is not allowed. */
export function detectAllowedType(name: string, bytes: Uint8Array): string | null {
	const t = ALLOWED_TYPES[extensionOf(name)];
	if (!t) return null;
	if (t.magic === null) return isText(bytes) ? t.mime : null;
	return t.magic.some((m) => m.every((b, i) => bytes[i] === b)) ? t.mime : null;
}

function isText(bytes: Uint8Array): boolean {
	if (bytes.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
		return true;
	} catch {
		return false;
	}
}
