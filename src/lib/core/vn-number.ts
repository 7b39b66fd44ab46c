/**
 * Vietnamese number notation: "." groups thousands and "," marks decimals
 * ("3.200" is 3200, "1,5" is 1.5); leading zeros are common ("03").
 */

/** Matches one Vietnamese-written number inside text. */
export const VN_NUMBER_SOURCE = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;

/** Parses one number as printed in a Vietnamese document; null when it is not a number. */
export function parseVnNumber(raw: string): number | null {
	const s = raw.trim().replace(/\s+/g, '');
	if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
	if (/^\d+(,\d+)?$/.test(s)) return Number(s.replace(',', '.'));
	// "1.5" is not a thousands group, so it can only be a decimal point written the English way.
	if (/^\d+\.\d+$/.test(s)) return Number(s);
	return null;
}
