/**
 * Failed sign-ins, counted per key (an account, an address) in a sliding window. Once a key has
 * `maxFailures` failures inside the window, further attempts on it are refused, whatever the password,
 * until the oldest failure leaves the window. Kept in memory: one process serves the app, and a
 * restart forgetting the counts costs an attacker a restart they cannot cause.
 */
export interface ThrottleOptions {
	windowMs: number;
	maxFailures: number;
	now?: () => number;
	/** Keys kept at most; beyond it the idle ones are swept (an attacker spraying names cannot fill memory). */
	maxKeys?: number;
}

export class LoginThrottle {
	private failures = new Map<string, number[]>();
	private now: () => number;

	constructor(private options: ThrottleOptions) {
		this.now = options.now ?? Date.now;
	}

	/** Milliseconds until any of these keys may try again; 0 when none is blocked. */
	blockedFor(keys: readonly string[]): number {
		const now = this.now();
		let wait = 0;
		for (const key of keys) {
			const recent = this.recent(key, now);
			if (recent.length >= this.options.maxFailures) {
				const oldest = recent[recent.length - this.options.maxFailures];
				wait = Math.max(wait, oldest + this.options.windowMs - now);
			}
		}
		return wait;
	}

	fail(keys: readonly string[]): void {
		const now = this.now();
		for (const key of keys) {
			const recent = this.recent(key, now);
			recent.push(now);
			this.failures.set(key, recent);
		}
		if (this.failures.size > (this.options.maxKeys ?? 100_000)) this.sweep(now);
	}

	/** Forgets a key's failures (an account after a correct password). */
	clear(key: string): void {
		this.failures.delete(key);
	}

	private recent(key: string, now: number): number[] {
		const list = this.failures.get(key);
		if (!list) return [];
		const from = now - this.options.windowMs;
		const kept = list.filter((t) => t > from);
		if (kept.length === 0) this.failures.delete(key);
		else if (kept.length !== list.length) this.failures.set(key, kept);
		return kept;
	}

	private sweep(now: number): void {
		for (const key of [...this.failures.keys()]) this.recent(key, now);
	}
}

/** Window and limit from the environment: LOGIN_WINDOW_MS (60 s) and LOGIN_MAX_FAILURES (10). */
export function throttleFromEnv(env: NodeJS.ProcessEnv = process.env): LoginThrottle {
	const windowMs = Number(env.LOGIN_WINDOW_MS) > 0 ? Number(env.LOGIN_WINDOW_MS) : 60_000;
	const maxFailures = Number(env.LOGIN_MAX_FAILURES) > 0 ? Number(env.LOGIN_MAX_FAILURES) : 10;
	return new LoginThrottle({ windowMs, maxFailures });
}
