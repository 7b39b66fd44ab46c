/**
 * Signed links in e-mails (preferences, one-click unsubscribe): the payload in base64url, a dot, and
 * its HMAC-SHA256. The secret is NOTIFY_SECRET, or one generated once and kept in the database (so
 * every node of a cluster signs alike and links survive restarts).
 */
import crypto from 'node:crypto';
import type { DB } from '../db/database.js';

export interface LinkClaims {
	/** user id */
	u: string;
	/** what the link may do: open the preferences page, or switch these types' e-mail off */
	s: 'prefs' | 'off';
	t?: string[];
	/** expiry, seconds since the epoch */
	e: number;
}

export async function loadSecret(db: DB, fromEnv?: string): Promise<string> {
	if (fromEnv) return fromEnv;
	await db
		.insertInto('app_secrets')
		.values({ name: 'notification-links', value: crypto.randomBytes(32).toString('base64url') })
		.onConflict((oc) => oc.doNothing())
		.execute();
	const row = await db.selectFrom('app_secrets').select('value').where('name', '=', 'notification-links').executeTakeFirstOrThrow();
	return row.value;
}

function mac(secret: string, data: string): string {
	return crypto.createHmac('sha256', secret).update(data).digest('base64url');
}

export function signLink(secret: string, claims: LinkClaims): string {
	const data = Buffer.from(JSON.stringify(claims)).toString('base64url');
	return `${data}.${mac(secret, data)}`;
}

/** The claims of a well-signed, unexpired token; null for anything else. */
export function verifyLink(secret: string, token: unknown, nowMs: number): LinkClaims | null {
	if (typeof token !== 'string' || token.length > 2000) return null;
	const [data, sig, ...rest] = token.split('.');
	if (!data || !sig || rest.length) return null;
	const expected = Buffer.from(mac(secret, data));
	const given = Buffer.from(sig);
	if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
	try {
		const c = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as LinkClaims;
		if (typeof c.u !== 'string' || (c.s !== 'prefs' && c.s !== 'off') || typeof c.e !== 'number') return null;
		if (c.e * 1000 < nowMs) return null;
		return c;
	} catch {
		return null;
	}
}
