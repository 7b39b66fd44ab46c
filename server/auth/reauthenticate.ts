/**
 * Asking a signed-in user for their password again before an action that a stolen session must not
 * be able to take (OWASP ASVS 4.0.3 §3.3.4: ending the account's other sessions). The attempt is a
 * sign-in attempt for the throttle: it is refused while the account is locked, a wrong password counts
 * as a failed sign-in against the same keys, and a right one clears the account's failures, so this
 * route guesses passwords no faster than the sign-in page.
 */
import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import { ApiError } from '../http-error.js';
import { checkCredentials } from './credentials.js';
import { refuseIfThrottled, type LoginThrottle } from './login-throttle.js';
import { PASSWORD_MAX } from './user-input.js';

export async function confirmPassword(db: DB, throttle: LoginThrottle, user: SessionUser, password: string, address: string): Promise<void> {
	await refuseIfThrottled(throttle, user.username, address);
	const check = password.length > PASSWORD_MAX ? null : await checkCredentials(db, user.username, password);
	if (!check || !check.ok) {
		if (check?.reason === 'inactive') throw new ApiError(403, 'account_disabled');
		await throttle.fail(user.username, address);
		throw new ApiError(403, 'wrong_password');
	}
	await throttle.succeeded(user.username, address);
}
