import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';

/**
 * The peer address of the TCP connection, which sign-in throttling counts against. Forwarded headers
 * are not trusted: any client can write them.
 */
export function clientAddress(c: Context<AppEnv>): string {
	return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
