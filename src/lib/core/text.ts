/** Text helpers shared by the importer and the UI (no Node or DOM APIs). */

/** Unicode NFC: the one form stored and compared everywhere. */
export function nfc(s: string): string {
	return s.normalize('NFC');
}

// Spaces that word processors and PDF extractors emit instead of a plain space.
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Invisible characters that would otherwise split words or defeat matching.
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * NFC, LF line ends, odd spaces made plain, invisible characters removed.
 * Tabs are kept: they separate table cells.
 */
export function normalizeText(s: string): string {
	return nfc(s.replace(/\r\n?/g, '\n').replace(ODD_SPACES, ' ').replace(INVISIBLES, ''));
}

/** Collapses runs of spaces (not tabs or newlines) and trims. */
export function collapseSpaces(s: string): string {
	return s.replace(/ {2,}/g, ' ').trim();
}

/**
 * A folding for diacritic-insensitive search: "Hòa", "Hoà" and "hoa" give the same key,
 * and so do "Sở Tài chính" and "so tai chinh".
 */
export function searchKey(s: string): string {
	return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Upper-cases the first letter (Vietnamese-aware). */
export function capitalizeFirst(s: string): string {
	return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}
