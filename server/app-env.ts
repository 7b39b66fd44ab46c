import type { HttpBindings } from '@hono/node-server';
import type { SessionUser } from './context.js';

/** Hono's typed context: the Node request/response bindings and the signed-in user. */
export interface AppEnv {
	Bindings: HttpBindings;
	Variables: {
		user: SessionUser | null;
		sessionId: string | null;
	};
}
