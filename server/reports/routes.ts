import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { declareRoutes } from '../http/declare-routes.js';
import { IndicatorBody, ReportQuery } from '../../src/lib/core/api/reports.js';
import type { SyncServer } from '../sync/sync-server.js';
import type { DB } from '../db/database.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { todayInVietnam } from '../boards/today.js';
import type { BoardSummary } from '../../src/lib/review/board-summary.js';
import { requireBoardAccess, requireSnapshotAccess } from '../snapshots/require-board.js';
import { getSnapshotMeta, getSnapshotSummary, listSnapshots, liveSummary, type SnapshotMeta } from '../snapshots/snapshot-store.js';
import { buildDashboard } from './dashboard.js';
import type { ReportPeriod } from './progress-docx.js';
import { DOCX_TYPE, XLSX_TYPE, downloadResponse, fileStem } from './download.js';

/**
 * Dashboards and printable reports, for the live board (/api/boards/:id/…) and for a frozen
 * snapshot (/api/snapshots/:id/…): dashboard, export.xlsx (the appendix), report.docx (the
 * 6-monthly / yearly progress report). PUT /api/indicators/:id records an indicator's reported value.
 */
export function reportRoutes(ctx: AppContext, sync: SyncServer) {
	const r = declareRoutes('/api');

	/** The summary a request is about: the live board, or a snapshot with its meta. */
	async function source(db: DB, kind: 'board' | 'snapshot', id: string): Promise<{ summary: BoardSummary; snapshot: SnapshotMeta | null }> {
		if (kind === 'board') return { summary: await liveSummary(db, sync, id), snapshot: null };
		return { summary: (await getSnapshotSummary(db, id))!, snapshot: await getSnapshotMeta(db, id) };
	}

	for (const kind of ['board', 'snapshot'] as const) {
		const base = kind === 'board' ? '/boards/:id' : '/snapshots/:id';
		const guard = async (c: Context<AppEnv>) => {
			const user = requireUser(c);
			const id = c.req.param('id') ?? '';
			if (kind === 'board') await requireBoardAccess(ctx.db, user, id);
			else await requireSnapshotAccess(ctx.db, user, id);
			return id;
		};

		r.get(`${base}/dashboard`, 'signed-in', async (c) => {
			const id = await guard(c);
			const { summary, snapshot } = await source(ctx.db, kind, id);
			const all = await listSnapshots(ctx.db, summary.boardId);
			const frozen = snapshot ? { id: snapshot.id, name: snapshot.name, takenAt: snapshot.takenAt } : null;
			return c.json(buildDashboard(summary, all, frozen));
		});

		r.get(`${base}/export.xlsx`, 'signed-in', async (c) => {
			const id = await guard(c);
			const { summary, snapshot } = await source(ctx.db, kind, id);
			// exceljs and docx are large: loaded on the first export, not at server start.
			const { appendixWorkbook } = await import('./appendix-xlsx.js');
			const bytes = await appendixWorkbook(summary, { snapshotName: snapshot?.name });
			const name = `${fileStem(summary.appendix, snapshot ? snapshot.name : 'tien-do')}-${summary.asOf}.xlsx`;
			return downloadResponse(bytes, XLSX_TYPE, name);
		});

		r.get(`${base}/report.docx`, { who: 'signed-in', query: ReportQuery }, async (c, { query }) => {
			const id = await guard(c);
			const { summary } = await source(ctx.db, kind, id);
			const { defaultPeriod, progressReportDocx } = await import('./progress-docx.js');
			const period: ReportPeriod = query.period ?? defaultPeriod(summary.asOf);
			const bytes = await progressReportDocx(summary, { period, date: kind === 'board' ? todayInVietnam() : summary.asOf });
			const name = `bao-cao-${period === 'year' ? 'nam' : '6-thang'}-${fileStem(summary.appendix)}-${summary.asOf}.docx`;
			return downloadResponse(bytes, DOCX_TYPE, name);
		});
	}

	r.put('/indicators/:id', { who: ['admin'], body: IndicatorBody }, async (c, { body }) => {
		const user = requireUser(c);
		const id = c.req.param('id');
		// An indicator of another organization's plan is not found.
		const own = await ctx.db
			.selectFrom('indicators')
			.innerJoin('plans', 'plans.id', 'indicators.plan_id')
			.select('indicators.id')
			.where('indicators.id', '=', id)
			.where('plans.org_id', '=', user.orgId)
			.executeTakeFirst();
		if (!own) throw new ApiError(404, 'indicator_not_found');
		const v = body.reportedValue;
		const res = await ctx.db.updateTable('indicators').set({ reported_value: v }).where('id', '=', id).executeTakeFirst();
		if (!res.numUpdatedRows) throw new ApiError(404, 'indicator_not_found');
		return c.json({ id, reportedValue: v });
	});

	return r.router;
}
