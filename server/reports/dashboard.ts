/**
 * Dashboard figures of one board summary (live or frozen): the four categories overall and per lead
 * agency, the trend across the board's snapshots, and the plan's indicators.
 */
import { emptyCounts, totalOf, type BoardSummary, type CategoryCounts } from '../../src/lib/review/board-summary.js';
import type { AgencyFigures, DashboardData, SnapshotMeta, TrendPoint } from '../../src/lib/review/api-types.js';

export type { AgencyFigures, DashboardData, TrendPoint };

/** Per lead agency; a task led by two agencies counts for each. Most overdue first. */
export function figuresByAgency(summary: BoardSummary): AgencyFigures[] {
	const by = new Map<string, CategoryCounts>();
	for (const card of summary.cards) {
		for (const agencyId of card.lead) {
			const counts = by.get(agencyId) ?? emptyCounts();
			counts[card.category]++;
			by.set(agencyId, counts);
		}
	}
	return [...by.entries()]
		.map(([agencyId, counts]) => {
			const a = summary.agencies[agencyId];
			return { agencyId, name: a?.name ?? agencyId, shortName: a?.shortName ?? agencyId, counts, total: totalOf(counts) };
		})
		.sort((x, y) => y.counts.openOverdue - x.counts.openOverdue || y.total - x.total || x.name.localeCompare(y.name, 'vi'));
}

export function buildDashboard(summary: BoardSummary, snapshots: SnapshotMeta[], snapshot: DashboardData['snapshot'] = null): DashboardData {
	// A snapshot's trend stops at that snapshot: it shows what was known then.
	const upTo = snapshot ? snapshots.filter((s) => s.takenAt <= snapshot.takenAt) : snapshots;
	return {
		boardId: summary.boardId,
		title: summary.title,
		asOf: summary.asOf,
		snapshot,
		overall: { counts: summary.counts, total: totalOf(summary.counts) },
		byAgency: figuresByAgency(summary),
		trend: upTo.map((s) => ({ snapshotId: s.id, name: s.name, takenAt: s.takenAt, asOf: s.asOf, counts: s.counts })),
		indicators: summary.indicators
	};
}
