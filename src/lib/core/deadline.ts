import type { Deadline } from './parsed-plan.js';
import { collapseSpaces, nfc, searchKey } from './text.js';

/**
 * Reads a "Thời gian hoàn thành" cell. The raw text is always kept; anything not
 * understood comes back as kind "unknown" with due null, for a person to check.
 */
export function parseDeadline(raw: string, planYear: number): Deadline {
	const text = collapseSpaces(nfc(raw).replace(/\s+/g, ' '));
	const unknown: Deadline = { raw: text, kind: 'unknown', due: null };
	if (!text) return unknown;
	// Matching runs on the folded key so "Quý", "quý" and "Quy" read alike.
	const k = searchKey(text);

	if (/^da\b/.test(k)) return { raw: text, kind: 'done', due: null };
	if (/^(nhiem vu )?thuong xuyen\b/.test(k) || /^hang nam\b/.test(k)) {
		return { raw: text, kind: 'recurring', due: null };
	}

	const quarter = k.match(/\bquy\s+(iv|iii|ii|i|[1-4])\b(?:.*?(\d{4}))?/);
	if (quarter) {
		const q = quarterNumber(quarter[1]);
		const year = quarter[2] ? Number(quarter[2]) : planYear;
		return { raw: text, kind: 'quarter', due: endOfMonth(year, q * 3) };
	}

	const half = k.match(/\b(?:6|06|sau) thang (dau|cuoi) nam\b(?:\D*(\d{4}))?/);
	if (half) {
		const year = half[2] ? Number(half[2]) : planYear;
		return { raw: text, kind: 'date', due: endOfMonth(year, half[1] === 'dau' ? 6 : 12) };
	}

	const dmy = k.match(/(\d{1,2})\s*[/.-]\s*(\d{1,2})(?!\d)(?:\s*[/.-]\s*(\d{4}))?/);
	if (dmy && /\bngay\b|^\d|^(truoc|den|cham nhat)\b/.test(k)) {
		const due = isoDate(dmy[3] ? Number(dmy[3]) : planYear, Number(dmy[2]), Number(dmy[1]));
		return due ? { raw: text, kind: 'date', due } : unknown;
	}
	const words = k.match(/\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})/);
	if (words) {
		const due = isoDate(Number(words[3]), Number(words[2]), Number(words[1]));
		return due ? { raw: text, kind: 'date', due } : unknown;
	}

	const month = k.match(/\bthang (\d{1,2})(?:\s*(?:\/|nam)\s*(\d{4}))?\b/);
	if (month) {
		const m = Number(month[1]);
		if (m < 1 || m > 12) return unknown;
		return { raw: text, kind: 'date', due: endOfMonth(month[2] ? Number(month[2]) : planYear, m) };
	}

	const year = k.match(/^(?:(?:trong |ca )?nam (\d{4})\b|(\d{4})$)/);
	if (year) return { raw: text, kind: 'year', due: `${year[1] ?? year[2]}-12-31` };
	if (/^(ca nam|trong nam)$/.test(k)) return { raw: text, kind: 'year', due: `${planYear}-12-31` };

	return unknown;
}

function quarterNumber(s: string): number {
	const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
	return roman[s] ?? Number(s);
}

/** ISO date of the last day of a month (month 1–12). */
export function endOfMonth(year: number, month: number): string {
	const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${year}-${pad(month)}-${pad(day)}`;
}

/** ISO date, or null when the day does not exist (31/02). */
export function isoDate(year: number, month: number, day: number): string | null {
	if (month < 1 || month > 12 || day < 1) return null;
	if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
	return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}
