/**
 * Whether bytes really are the Office document their extension says: an OOXML zip whose
 * [Content_Types].xml names the right main part (a macro-enabled .docm renamed .docx is refused),
 * an OpenDocument zip whose first, stored entry `mimetype` holds the right type, or an OLE compound
 * file (old .doc/.xls/.ppt) whose directory holds the program's main stream.
 */
import { listEntries, readEntries } from '../import/office/zip-entries.js';
import { startsWith } from './file-signatures.js';

export type OoxmlKind = 'docx' | 'xlsx' | 'pptx';

const OOXML_MAIN: Record<OoxmlKind, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'
};

/** [Content_Types].xml is a few kilobytes; a larger one is not worth inflating to judge a file. */
const CONTENT_TYPES_LIMITS = { maxEntries: 20_000, maxEntryBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024, maxRatio: 1000 };

export function isOoxml(b: Uint8Array, kind: OoxmlKind): boolean {
	if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return false;
	let parts: Map<string, Uint8Array>;
	try {
		parts = readEntries(b, (name) => name === '[Content_Types].xml', 'zip', CONTENT_TYPES_LIMITS);
	} catch {
		return false;
	}
	const xml = parts.get('[Content_Types].xml');
	if (!xml) return false;
	const text = new TextDecoder().decode(xml);
	const main = OOXML_MAIN[kind].replace(/[.+]/g, '\\$&');
	return new RegExp(`<Override\\b[^>]*\\bContentType\\s*=\\s*["']${main}["']`).test(text);
}

export type OdfKind = 'odt' | 'ods';
const ODF_MIME: Record<OdfKind, string> = {
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet'
};

/** The OpenDocument rule: the first entry is `mimetype`, stored (not compressed), holding the type. */
export function isOdf(b: Uint8Array, kind: OdfKind): boolean {
	if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || b.length < 30) return false;
	const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const method = dv.getUint16(8, true);
	const size = dv.getUint32(18, true);
	const nameLength = dv.getUint16(26, true);
	const extraLength = dv.getUint16(28, true);
	const name = new TextDecoder().decode(b.subarray(30, 30 + nameLength));
	const mime = ODF_MIME[kind];
	if (method !== 0 || name !== 'mimetype' || size !== mime.length) return false;
	const start = 30 + nameLength + extraLength;
	if (start + size > b.length) return false;
	if (new TextDecoder().decode(b.subarray(start, start + size)) !== mime) return false;
	// The rest must be a whole archive with its manifest (a cut-off file has no central directory).
	try {
		return listEntries(b, 'zip').some((e) => e.name === 'META-INF/manifest.xml');
	} catch {
		return false;
	}
}

export type OleKind = 'doc' | 'xls' | 'ppt';
/** The stream each program keeps its document in (Excel 5 wrote "Book", later versions "Workbook"). */
const OLE_STREAMS: Record<OleKind, string[]> = {
	doc: ['WordDocument'],
	xls: ['Workbook', 'Book'],
	ppt: ['PowerPoint Document']
};

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;

/** The names in an OLE compound file's directory, or null when its header or chains are broken. */
export function oleDirectoryNames(b: Uint8Array): string[] | null {
	if (!startsWith(b, OLE_SIGNATURE) || b.length < 512) return null;
	const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const major = dv.getUint16(26, true);
	const shift = dv.getUint16(30, true);
	if (dv.getUint16(28, true) !== 0xfffe || dv.getUint16(32, true) !== 6) return null;
	if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) return null;
	const sectorSize = 1 << shift;
	const sectorCount = Math.floor((b.length - sectorSize) / sectorSize);
	const sector = (n: number) => (n < sectorCount ? b.subarray((n + 1) * sectorSize, (n + 2) * sectorSize) : null);

	// The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
	const fatSectors: number[] = [];
	for (let k = 0; k < 109; k++) fatSectors.push(dv.getUint32(76 + 4 * k, true));
	let difat = dv.getUint32(68, true);
	for (let hops = 0; difat !== END_OF_CHAIN && difat !== 0xffffffff; hops++) {
		const s = sector(difat);
		if (!s || hops > sectorCount) return null;
		const sv = new DataView(s.buffer, s.byteOffset, s.byteLength);
		for (let k = 0; k < sectorSize / 4 - 1; k++) fatSectors.push(sv.getUint32(4 * k, true));
		difat = sv.getUint32(sectorSize - 4, true);
	}
	const fatCount = dv.getUint32(44, true);
	if (fatCount === 0 || fatCount > fatSectors.length) return null;
	const fat: number[] = [];
	for (const n of fatSectors.slice(0, fatCount)) {
		const s = sector(n);
		if (!s) return null;
		const sv = new DataView(s.buffer, s.byteOffset, s.byteLength);
		for (let k = 0; k < sectorSize / 4; k++) fat.push(sv.getUint32(4 * k, true));
	}

	const names: string[] = [];
	let dir = dv.getUint32(48, true);
	for (let hops = 0; dir !== END_OF_CHAIN; hops++) {
		const s = sector(dir);
		if (!s || hops > sectorCount) return null;
		// The directory starts with the root storage (type 5).
		if (hops === 0 && s[66] !== 5) return null;
		for (let e = 0; e + 128 <= s.length; e += 128) {
			const nameBytes = s[e + 64] | (s[e + 65] << 8);
			const type = s[e + 66];
			if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
			names.push(Buffer.from(s.subarray(e, e + nameBytes - 2)).toString('utf16le'));
		}
		dir = fat[dir] ?? END_OF_CHAIN - 1;
		if (dir === END_OF_CHAIN - 1) return null;
	}
	return names;
}

export function isOle(b: Uint8Array, kind: OleKind): boolean {
	const names = oleDirectoryNames(b);
	return !!names && OLE_STREAMS[kind].some((n) => names.includes(n));
}
