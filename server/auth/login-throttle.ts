/**
 * Failed sign-ins, counted in a sliding window against three keys: the account (a guesser spreading
 * over many addresses), the account from one address (one guesser), and the address (one machine
 * spraying many accounts). The address ceiling is high because a whole office can sit behind one NAT
 * address: colleagues' typos on their own accounts must not lock each other out. Once a key has its
 * limit of failures inside the window, attempts on it are refused, whatever the password, until the
 * oldest counted failure leaves the window.
 *
 * The failures live in the database (login_failures), not in a process: every node behind the load
 * balancer sees the same counts, and a restart forgets nothing.
 */
import { createHash } from 'node:crypto';
import type { DB } from '../db/database.js';
import type { LoginLimits } from '../config.js';
import { ApiError } from '../http-error.js';

export interface ThrottleKey {
	/** SHA-256 of the key's text. */
	key: string;
	limit: number;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** The three keys an attempt on `username` from `address` counts against, each with its limit. */
export function throttleKeys(
	username: string,
	address: string,
	limits: LoginLimits
): { account: ThrottleKey; accountAddress: ThrottleKey; address: ThrottleKey } {
	return {
		account: { key: hash(`account:${username}`), limit: limits.perAccount },
		accountAddress: { key: hash(`account-address:${username} ${address}`), limit: limits.perAccountAddress },
		address: { key: hash(`address:${address}`), limit: limits.perAddress }
	};
}

export class LoginThrottle {
	constructor(
		private db: DB,
		private limits: LoginLimits,
		private now: () => number = Date.now
	) {}

	/** Milliseconds until an attempt on this account from this address may be made; 0 when it may now. */
	async blockedFor(username: string, address: string): Promise<number> {
		const now = this.now();
		let wait = 0;
		for (const { key, limit } of Object.values(throttleKeys(username, address, this.limits))) {
			// The limit-th most recent failure inside the window: while it is there, the key is full.
			const row = await this.db
				.selectFrom('login_failures')
				.select('at')
				.where('key', '=', key)
				.where('at', '>', now - this.limits.windowMs)
				.orderBy('at', 'desc')
				.limit(1)
				.offset(limit - 1)
				.executeTakeFirst();
			if (row) wait = Math.max(wait, Number(row.at) + this.limits.windowMs - now);
		}
		return wait;
	}

	/** Counts a failure against the three keys, and forgets failures that have left the window. */
	async fail(username: string, address: string): Promise<void> {
		const at = this.now();
		const keys = Object.values(throttleKeys(username, address, this.limits));
		await this.db
			.insertInto('login_failures')
			.values(keys.map(({ key }) => ({ key, at })))
			.execute();
		await this.db
			.deleteFrom('login_failures')
			.where('at', '<=', at - this.limits.windowMs)
			.execute();
	}

	/**
	 * A correct password forgets the account's failures (from everywhere and from this address). The
	 * address's count stays: signing in to one's own account must not reset a sprayer's budget.
	 */
	async succeeded(username: string, address: string): Promise<void> {
		const { account, accountAddress } = throttleKeys(username, address, this.limits);
		await this.db.deleteFrom('login_failures').where('key', 'in', [account.key, accountAddress.key]).execute();
	}
}

/** 429 `too_many_attempts`, with Retry-After, while any of the attempt's keys is full. */
export async function refuseIfThrottled(throttle: LoginThrottle, username: string, address: string): Promise<void> {
	const waitMs = await throttle.blockedFor(username, address);
	if (waitMs > 0) {
		const seconds = Math.ceil(waitMs / 1000);
		throw new ApiError(429, 'too_many_attempts', { seconds }, { 'Retry-After': String(seconds) }, { retryAfter: seconds });
	}
}
