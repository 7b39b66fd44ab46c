/** Today's date (YYYY-MM-DD) in Vietnam (UTC+7, no daylight saving): deadlines fall due by local days. */
export function todayInVietnam(now = new Date()): string {
	return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
