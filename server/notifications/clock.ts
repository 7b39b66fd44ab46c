/**
 * Time for the notification jobs, injectable for tests. Days and the 07:30 digest are in
 * Asia/Ho_Chi_Minh (UTC+7 all year: Viet Nam has no daylight saving time).
 */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DIGEST_TIME = { hour: 7, minute: 30 };

/** The local date (YYYY-MM-DD) and minutes after local midnight of an instant in Viet Nam. */
export function localTime(at: Date): { day: string; minutes: number } {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(at);
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
	return { day: `${get('year')}-${get('month')}-${get('day')}`, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
