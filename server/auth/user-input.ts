/**
 * Validation of account fields, shared by the admin API and the create-user command: the schemas of
 * src/lib/core/api/accounts.ts, refusing with an ApiError whose code names the problem.
 */
import type { NewUserInput } from './users.js';
import { NewUserBody, Password, PASSWORD_MAX, PASSWORD_MIN, roleNeedsAgency } from '../../src/lib/core/api/accounts.js';
import { parseInput } from '../http/parse-input.js';

export { PASSWORD_MAX, PASSWORD_MIN, roleNeedsAgency };

export function checkPassword(value: unknown): string {
	return parseInput(Password, value);
}

/** A new account from untrusted input; the agency's existence is checked by the caller. */
export function parseNewUser(body: unknown): Omit<NewUserInput, 'orgId'> {
	return parseInput(NewUserBody, body ?? {});
}
