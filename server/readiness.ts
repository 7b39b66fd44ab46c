/**
 * Readiness (`GET /api/ready`): whether a load balancer should send this node requests. Not ready
 * while the database or, in cluster mode, Redis cannot be reached, and from the moment the node starts
 * shutting down (it finishes what it holds while the balancer moves clients elsewhere).
 * Liveness (`GET /api/health`) only says the process answers.
 */
import { sql } from 'kysely';
import type { DB } from './db/database.js';
import type { Bus } from './cluster/bus.js';

export interface ReadinessReport {
	ready: boolean;
	database: boolean;
	/** null on a single node (no Redis configured). */
	redis: boolean | null;
	draining: boolean;
}

const TIMEOUT_MS = 2_000;

function within<T>(p: Promise<T>, fallback: T): Promise<T> {
	return Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), TIMEOUT_MS).unref())]);
}

export class Readiness {
	draining = false;

	constructor(
		private db: DB,
		private bus: Bus
	) {}

	async report(): Promise<ReadinessReport> {
		const [database, redis] = await Promise.all([
			within(
				sql`select 1`.execute(this.db).then(
					() => true,
					() => false
				),
				false
			),
			this.bus.clustered ? within(this.bus.ping(), false) : Promise.resolve(null)
		]);
		return { ready: database && redis !== false && !this.draining, database, redis, draining: this.draining };
	}
}
