/** The administration API, mounted at /api/admin: accounts, agencies, quarantined updates. Administrators only. */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { SessionStore } from '../auth/sessions.js';
import { access } from '../auth/access.js';
import { declareRoutes } from '../http/declare-routes.js';
import { ADMIN_ONLY } from './admin-only.js';
import { userRoutes } from './user-routes.js';
import { agencyRoutes } from './agency-routes.js';
import { quarantineRoutes } from './quarantine-routes.js';

export function adminRoutes(ctx: AppContext, sessions: SessionStore, sync: SyncServer) {
	const r = declareRoutes('/api/admin');
	// Each route declares ADMIN_ONLY; this guard also covers a path nobody has declared yet.
	r.router.use('*', access(ADMIN_ONLY));
	userRoutes(r, ctx, sessions, sync);
	agencyRoutes(r, ctx, sync);
	quarantineRoutes(r, ctx, sync);
	return r.router;
}
