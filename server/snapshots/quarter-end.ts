/**
 * The automatic snapshot at each quarter's end: once a quarter is over (Vietnamese calendar), every
 * board that existed by its last day gets one "Cuối Quý …" snapshot, categories computed for that
 * last day. A check runs at start and then hourly, so a server that was down at midnight catches up.
 * In a cluster one node at a time runs the check (runExclusive); a unique index on (board, period)
 * of quarter snapshots stops a second one in any case.
 */
import type { DB } from '../db/database.js';
import type { SyncServer } from '../sync/sync-server.js';
import { localDate, quarterLabel, quarterOf, quarterRange, type Quarter } from '../../src/lib/core/dates.js';
import { todayInVietnam } from '../boards/today.js';
import { takeSnapshot, type SnapshotMeta } from './snapshot-store.js';
import { runExclusive } from '../cluster/job-lock.js';

/** The most recent quarter whose last day is before `today`. */
export function lastEndedQuarter(today: string): Quarter {
	const { year, quarter } = quarterOf(today);
	return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

export function periodKey(q: Quarter): string {
	return `${q.year}-Q${q.quarter}`;
}

export async function takeQuarterEndSnapshots(db: DB, sync: SyncServer, now = new Date()): Promise<SnapshotMeta[]> {
	const quarter = lastEndedQuarter(todayInVietnam(now));
	const period = periodKey(quarter);
	const end = quarterRange(quarter).end;
	const boards = await db.selectFrom('boards').select(['id', 'created_at']).execute();
	const taken: SnapshotMeta[] = [];
	for (const b of boards) {
		// A board imported after the quarter ended never looked like anything at that quarter's end.
		if (localDate(b.created_at) > end) continue;
		const existing = await db
			.selectFrom('snapshots')
			.select('id')
			.where('board_id', '=', b.id)
			.where('kind', '=', 'quarter')
			.where('period', '=', period)
			.executeTakeFirst();
		if (existing) continue;
		taken.push(
			await takeSnapshot(db, sync, b.id, {
				name: `Cuối Quý ${quarterLabel(quarter)}`,
				kind: 'quarter',
				period,
				takenBy: null,
				asOf: end,
				now
			})
		);
	}
	return taken;
}

/** Runs the quarter-end check now and every `intervalMs`; stop() before the database closes. */
export class QuarterEndSnapshots {
	private timer: NodeJS.Timeout | null = null;
	private running: Promise<unknown> = Promise.resolve();

	constructor(
		private db: DB,
		private sync: SyncServer,
		private intervalMs = 3600_000
	) {}

	start(): void {
		const tick = () => {
			this.running = runExclusive(this.db, 'quarter-end-snapshots', () => takeQuarterEndSnapshots(this.db, this.sync)).catch((e) =>
				console.error('[snapshots] quarter end', e)
			);
		};
		tick();
		this.timer = setInterval(tick, this.intervalMs);
		this.timer.unref();
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		await this.running;
	}
}
