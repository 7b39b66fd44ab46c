/**
 * Cross-site request refusal: a browser always sends Origin on cross-site state-changing requests and
 * WebSocket upgrades; it must name this app (its Host, or one of the configured ORIGIN values).
 */
export function isSameOrigin(origin: string, host: string | null, allowed: string[]): boolean {
	if (allowed.includes(origin)) return true;
	try {
		return host !== null && new URL(origin).host === host;
	} catch {
		return false;
	}
}
