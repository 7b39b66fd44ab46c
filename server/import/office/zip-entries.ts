/**
 * Reading the parts of an Office file (a zip) without trusting it. Declared sizes are checked
 * before anything is inflated, and each part is inflated into a buffer of its declared size, so
 * a part that lies about its size is cut short (and then fails to parse) instead of filling memory.
 */
import { unzipSync } from 'fflate';
import { refusals, type OfficeWhat } from '../import-refusal.js';

export interface ZipLimits {
	maxEntries: number;
	/** Largest single part once inflated. */
	maxEntryBytes: number;
	/** All wanted parts together, once inflated. */
	maxTotalBytes: number;
	/** Inflated/compressed ratio above which a large part is taken for a zip bomb. */
	maxRatio: number;
}

/** Real documents compress 5–20:1; a plan's text is far below these sizes. */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
	maxEntries: 5000,
	maxEntryBytes: 256 * 1024 * 1024,
	maxTotalBytes: 400 * 1024 * 1024,
	maxRatio: 200
};

/** A part larger than this is judged by its compression ratio; small parts may compress well. */
const RATIO_FLOOR_BYTES = 10 * 1024 * 1024;

export interface ZipEntryInfo {
	name: string;
	compressedSize: number;
	size: number;
	/** 0 stored, 8 deflated. */
	compression: number;
}

export function isZip(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/** Names and declared sizes of every part, inflating nothing. Throws a refusal on a damaged zip. */
export function listEntries(bytes: Uint8Array, what: OfficeWhat): ZipEntryInfo[] {
	const list: ZipEntryInfo[] = [];
	try {
		unzipSync(bytes, {
			filter: (f) => {
				list.push({ name: f.name, compressedSize: f.size, size: f.originalSize, compression: f.compression });
				return false;
			}
		});
	} catch {
		throw refusals.corrupt(what);
	}
	return list;
}

/**
 * Inflates the wanted parts. Refuses a zip bomb (a part or a total above the limits, or a large
 * part with an impossible ratio) before inflating anything.
 */
export function readEntries(
	bytes: Uint8Array,
	wanted: (name: string) => boolean,
	what: OfficeWhat,
	limits: ZipLimits = OFFICE_ZIP_LIMITS
): Map<string, Uint8Array> {
	const entries = listEntries(bytes, what);
	if (entries.length > limits.maxEntries) throw refusals.zipBomb();
	let total = 0;
	for (const e of entries) {
		if (!wanted(e.name)) continue;
		total += e.size;
		const ratio = e.size / Math.max(1, e.compressedSize);
		if (e.size > limits.maxEntryBytes || total > limits.maxTotalBytes) throw refusals.zipBomb();
		if (e.size > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) throw refusals.zipBomb();
		// Deflate never grows data by more than a few bytes per block: more compressed bytes than
		// declared output means the declared size lies, the mark of a crafted archive.
		if (e.compression === 8 && e.compressedSize > e.size * 1.01 + 1024) throw refusals.zipBomb();
	}
	try {
		const files = unzipSync(bytes, { filter: (f) => wanted(f.name) });
		return new Map(Object.entries(files));
	} catch {
		throw refusals.corrupt(what);
	}
}
