import type { ReportDuty, ReportRecurrence } from '../../src/lib/core/parsed-plan.js';
import { startsWithAgency } from '../../src/lib/core/agency.js';
import { isoDate } from '../../src/lib/core/deadline.js';
import { capitalizeFirst, searchKey } from '../../src/lib/core/text.js';
import { agenciesOf } from './agency-cells.js';
import type { Paragraph } from './source-lines.js';
import type { Warnings } from './warnings.js';

// "trước ngày 10/6" or "trước ngày 10/12/2026".
const DUE_RE = /trước\s+ngày\s+(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?/gu;
// A periodic report named without a date: "báo cáo … định kỳ 06 tháng", "… định kỳ, hằng năm".
const PERIOD_RE = /báo cáo[^.;]{0,60}?định kỳ,?\s+(?:0?6 tháng|sáu tháng|hằng năm|hàng năm)/u;

/**
 * Reporting duties: a sentence about "báo cáo" that gives a due date ("trước ngày 10/12")
 * or a period (6-monthly, yearly). One sentence may hold several ("báo cáo 06 tháng
 * (trước ngày 10/6), báo cáo năm (trước ngày 10/12)").
 */
export function readReports(paragraphs: Paragraph[], plan: { year: number; date: string | null }, warnings: Warnings): ReportDuty[] {
	const reports: ReportDuty[] = [];
	for (const p of paragraphs) {
		if (!/báo cáo/iu.test(p.text)) continue;
		const to = recipient(p, warnings);
		const hits = [...p.text.matchAll(DUE_RE)];
		if (hits.length) {
			let from = 0;
			for (const hit of hits) {
				const at = hit.index ?? 0;
				const end = closeParen(p.text, at + hit[0].length);
				const clause = hits.length > 1 ? p.text.slice(lastReportWord(p.text, from, at), end) : sentenceAround(p.text, at);
				const recurrence = recurrenceOf(p.text.slice(lastReportWord(p.text, from, at), at));
				const due = dueDate(hit, recurrence, plan, p.line, warnings);
				reports.push({ text: tidy(clause), due, recurrence, to });
				from = end;
			}
			continue;
		}
		const period = p.text.match(PERIOD_RE);
		if (period) {
			const recurrence = recurrenceOf(period[0]);
			warnings.add(p.line, 'plan_report_no_due', { text: tidy(period[0]) });
			reports.push({ text: tidy(sentenceAround(p.text, period.index ?? 0)), due: null, recurrence, to });
		}
	}
	return reports;
}

function recurrenceOf(text: string): ReportRecurrence | null {
	const k = searchKey(text);
	if (/\b(0?6|sau) thang\b|\bnua nam\b/.test(k)) return 'half-year';
	if (/\b(hang nam|bao cao nam|dinh ky nam)\b/.test(k)) return 'year';
	return null;
}

/**
 * A date printed without a year ("trước ngày 10/6") repeats each period; the first one due
 * is the first on or after the plan's date (else in the plan's year). Said in a warning.
 */
function dueDate(
	hit: RegExpMatchArray,
	recurrence: ReportRecurrence | null,
	plan: { year: number; date: string | null },
	line: number,
	warnings: Warnings
): string | null {
	const [day, month] = [Number(hit[1]), Number(hit[2])];
	if (hit[3]) return isoDate(Number(hit[3]), month, day);
	let due = isoDate(plan.year, month, day);
	if (due && plan.date && due < plan.date) due = isoDate(plan.year + 1, month, day);
	if (due) {
		// Why that year: the first date after the plan's, or the plan's year.
		if (recurrence && plan.date) warnings.add(line, 'plan_report_due_after_issue', { deadline: hit[0], due });
		else warnings.add(line, 'plan_report_due_plan_year', { deadline: hit[0], due });
	}
	return due;
}

/** "gửi (báo cáo) (về) Sở Tài chính (…) trước ngày …" → the canonical name of the receiving agency. */
function recipient(p: Paragraph, warnings: Warnings): string | null {
	const m = p.text.match(/(?:gửi|nộp)(?:\s+báo cáo)?(?:\s+(?:về|đến|cho|tới))?\s+([^(;.]+?)(?=\s*\(|\s+(?:để|trước|theo)\s|[;.]|$)/u);
	if (!m || !startsWithAgency(m[1])) return null;
	return agenciesOf(m[1], p.line, warnings)[0] ?? null;
}

/** Start of the clause that names a report: the last "báo cáo" before the date. */
function lastReportWord(text: string, from: number, at: number): number {
	const i = text.slice(from, at).toLowerCase().lastIndexOf('báo cáo');
	return i < 0 ? from : from + i;
}

/** Includes the ")" that closes "(trước ngày 10/6)". */
function closeParen(text: string, end: number): number {
	return text[end] === ')' ? end + 1 : end;
}

function sentenceAround(text: string, at: number): string {
	const start = Math.max(text.lastIndexOf('. ', at) + 1, 0);
	const stop = text.indexOf('. ', at);
	return text.slice(start, stop < 0 ? text.length : stop + 1);
}

/** Drops the item number ("8. Chế độ báo cáo: …") and closing marks ("./."). */
function tidy(text: string): string {
	return capitalizeFirst(
		text
			.trim()
			.replace(/^\d{1,2}\.\s+/, '')
			.replace(/[\s./]+$/, '')
	);
}
