/**
 * Calendar rules for deadlines, shown the Vietnamese way (dd/mm/yyyy). Due dates are ISO calendar
 * dates ("YYYY-MM-DD"); timestamps (completedAt, comments) are read in Vietnam's time zone, where
 * the plans are issued, so a task finished late in the evening counts on that Vietnamese day.
 */

export const PLAN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** How close a due date must be to count as "due soon" (sắp đến hạn). */
export const DUE_SOON_DAYS = 14;

const DAY_MS = 86_400_000;

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** "2026-06-30" (or a full timestamp's date part) → "30/06/2026"; empty for null or garbage. */
export function formatDate(iso: string | null | undefined): string {
	const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})/);
	return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

interface ZonedParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(date: Date, timeZone: string): ZonedParts {
	let f = partsFormatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		partsFormatters.set(timeZone, f);
	}
	const get = (type: string) => Number(f.formatToParts(date).find((p) => p.type === type)?.value ?? 0);
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The calendar date (ISO) of an instant in the plan's time zone. */
export function localDate(instant: Date | string, timeZone = PLAN_TIME_ZONE): string {
	const d = typeof instant === 'string' ? new Date(instant) : instant;
	if (Number.isNaN(d.getTime())) return '';
	const p = zonedParts(d, timeZone);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Today's date (ISO) in the plan's time zone. */
export function todayIso(now = new Date(), timeZone = PLAN_TIME_ZONE): string {
	return localDate(now, timeZone);
}

/** A timestamp as "dd/mm/yyyy HH:mm" in the plan's time zone. */
export function formatDateTime(iso: string | null | undefined, timeZone = PLAN_TIME_ZONE): string {
	if (!iso) return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	const p = zonedParts(d, timeZone);
	return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

function dayNumber(iso: string): number {
	const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
	return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Whole days from `from` to `to` (both ISO dates): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
	return Math.round(dayNumber(to) - dayNumber(from));
}

export interface Quarter {
	year: number;
	/** 1–4 */
	quarter: number;
}

export function quarterOf(iso: string): Quarter {
	const year = Number(iso.slice(0, 4));
	const month = Number(iso.slice(5, 7));
	return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/** First and last day (ISO) of a quarter. */
export function quarterRange({ year, quarter }: Quarter): { start: string; end: string } {
	const firstMonth = (quarter - 1) * 3 + 1;
	const lastMonth = firstMonth + 2;
	const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
	return { start: `${year}-${pad(firstMonth)}-01`, end: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** Whether a due date falls in the same quarter as today. */
export function isDueThisQuarter(due: string | null, today: string): boolean {
	if (!due) return false;
	const a = quarterOf(due);
	const b = quarterOf(today);
	return a.year === b.year && a.quarter === b.quarter;
}

/** The due date has passed (the due day itself is still in time). */
export function isPastDue(due: string | null, today: string): boolean {
	return !!due && daysBetween(today, due) < 0;
}

/** Due today or within the next `days` days. */
export function isDueWithin(due: string | null, today: string, days = DUE_SOON_DAYS): boolean {
	if (!due) return false;
	const left = daysBetween(today, due);
	return left >= 0 && left <= days;
}

/** "Quý II/2026" style label of a quarter, with Roman numerals as the plans write them. */
export function quarterLabel({ year, quarter }: Quarter): string {
	return `${['I', 'II', 'III', 'IV'][quarter - 1]}/${year}`;
}
