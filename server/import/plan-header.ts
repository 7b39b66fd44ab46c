import type { PlanHeader } from '../../src/lib/core/parsed-plan.js';
import { isoDate } from '../../src/lib/core/deadline.js';
import { searchKey } from '../../src/lib/core/text.js';
import type { Paragraph, SourceLine } from './source-lines.js';
import type { Warnings } from './warnings.js';

/** The document's opening lines sit before its first part; this many lines is plenty. */
const HEAD_LINES = 40;

const DOC_TYPES: Record<string, string> = {
	'ke hoach': 'Kế hoạch',
	'quyet dinh': 'Quyết định',
	'chuong trinh': 'Chương trình',
	'de an': 'Đề án',
	'nghi quyet': 'Nghị quyết',
	'thong bao': 'Thông báo',
	'cong van': 'Công văn',
	'bao cao': 'Báo cáo'
};
const SYMBOL_TYPES: Record<string, string> = {
	KH: 'Kế hoạch',
	QĐ: 'Quyết định',
	CTr: 'Chương trình',
	NQ: 'Nghị quyết',
	TB: 'Thông báo'
};

export interface HeaderOptions {
	/** Year used when the document names none (defaults to the current year). */
	fallbackYear?: number;
}

/** Number, type, title, issuer, place, date and year of the plan. */
export function parseHeader(lines: SourceLine[], paragraphs: Paragraph[], warnings: Warnings, opts: HeaderOptions = {}): PlanHeader {
	const head = lines.filter((l) => !l.cells && l.text).slice(0, HEAD_LINES);

	const numberLine = head.find((l) => /^Số(\s*:|\s+\d)/.test(l.text));
	const symbol = numberLine ? numberLine.text.replace(/^Số\s*:?\s*/, '').replace(/\s*\/\s*/g, '/') : null;
	let number: string | null = null;
	if (symbol && /^\d/.test(symbol)) number = symbol;
	else if (numberLine) warnings.add(numberLine.no, 'plan_no_number', { text: numberLine.text });

	const typeLine = head.find((l) => DOC_TYPES[searchKey(l.text)] !== undefined);
	const docType = typeLine ? DOC_TYPES[searchKey(typeLine.text)] : (SYMBOL_TYPES[symbol?.match(/\/([^-\s]+)/)?.[1] ?? ''] ?? null);

	const title = typeLine ? titleAfter(lines, typeLine.no) : '';
	if (!title) warnings.add(typeLine?.no ?? null, 'plan_no_title');

	const dateLine = head.find((l) => /^[^,\d]{2,40},\s*ngày\b/u.test(l.text));
	const place = dateLine ? dateLine.text.split(',')[0].trim() : null;
	const { date, year: dateYear } = dateLine ? readDateLine(dateLine.text) : { date: null, year: null };
	if (dateLine && !date) warnings.add(dateLine.no, 'plan_no_date', { text: dateLine.text });

	const year = dateYear ?? yearOf(title) ?? textYear(lines, warnings, opts.fallbackYear);
	const issuer = findIssuer(paragraphs.slice(0, 8));
	if (!issuer) warnings.add(null, 'plan_no_issuer');

	return { number, docType, title, issuer, place, date, year };
}

/** The title is the block of lines right after the document-type line ("KẾ HOẠCH"). */
function titleAfter(lines: SourceLine[], typeLineNo: number): string {
	const parts: string[] = [];
	for (const line of lines.slice(typeLineNo)) {
		if (line.cells) break;
		if (!line.text) {
			if (parts.length) break;
			continue;
		}
		parts.push(line.text);
	}
	return parts.join(' ');
}

function readDateLine(text: string): { date: string | null; year: number | null } {
	const k = searchKey(text);
	const full = k.match(/ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})/);
	if (full) return { date: isoDate(Number(full[3]), Number(full[2]), Number(full[1])), year: Number(full[3]) };
	const slash = k.match(/ngay (\d{1,2})\/(\d{1,2})\/(\d{4})/);
	if (slash) return { date: isoDate(Number(slash[3]), Number(slash[2]), Number(slash[1])), year: Number(slash[3]) };
	return { date: null, year: yearOf(text) };
}

function yearOf(text: string): number | null {
	const m = searchKey(text).match(/\bnam (\d{4})\b/);
	return m ? Number(m[1]) : null;
}

/** Last resort: the year named most often in the text, said in a warning. */
function textYear(lines: SourceLine[], warnings: Warnings, fallbackYear?: number): number {
	const counts = new Map<number, number>();
	for (const line of lines) {
		for (const m of line.text.matchAll(/\b(?:năm|Năm)\s+(20\d{2})\b/g)) {
			counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
		}
	}
	const best = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
	if (best) {
		warnings.add(null, 'plan_year_most_cited', { year: best[0] });
		return best[0];
	}
	const year = fallbackYear ?? new Date().getFullYear();
	warnings.add(null, 'plan_year_unknown', { year });
	return year;
}

/**
 * Plans name their issuer in the opening sentence: "…, Ủy ban nhân dân thành phố Cần Thơ
 * ban hành Kế hoạch …". The issuer is the clause before "ban hành".
 */
function findIssuer(paragraphs: Paragraph[]): string | null {
	for (const p of paragraphs) {
		const m = p.text.match(/(?:^|[,;]\s*)([^,;]{3,160}?)\s+ban hành\s+(?:Kế hoạch|Quyết định|Chương trình|Đề án)/u);
		if (!m) continue;
		const issuer = m[1]
			.replace(/\([^)]*\)/g, '')
			.replace(/\s+/g, ' ')
			.trim();
		if (/^\p{Lu}/u.test(issuer) && !/^(Thực hiện|Căn cứ|Theo)(?=\s|$)/u.test(issuer)) return issuer;
	}
	return null;
}
