/**
 * The Vietnamese wording of statuses, categories and agency lists in printed reports. Reports are
 * administrative documents in Vietnamese, so they take the Vietnamese catalogue whatever the UI shows.
 */
import { vi } from '../../src/lib/i18n/vi.js';
import type { Status } from '../../src/lib/core/board-types.js';
import { DEADLINE_CATEGORIES, type DeadlineCategory } from '../../src/lib/core/categories.js';
import type { BoardSummary, SummaryPlan } from '../../src/lib/review/board-summary.js';
import { formatDate } from '../../src/lib/core/dates.js';

export function statusLabel(status: Status): string {
	return vi[`status.${status}`];
}

export function categoryLabel(category: DeadlineCategory): string {
	return vi[`category.${category}`];
}

export { DEADLINE_CATEGORIES };

/** Agencies of a cell, by name, as the plan prints them: "Sở Tài chính, Liên minh Hợp tác xã thành phố". */
export function agencyNames(summary: BoardSummary, ids: string[]): string {
	return ids.map((id) => summary.agencies[id]?.name ?? id).join(', ');
}

/** "ngày 23 tháng 11 năm 2026" from an ISO date: the dateline of an administrative document. */
export function longVietnameseDate(iso: string): string {
	const [y, m, d] = iso.slice(0, 10).split('-');
	return `ngày ${d} tháng ${m} năm ${y}`;
}

/** "Kế hoạch số 219/KH-UBND ngày 23/10/2023", as far as the plan gives its number and date. */
export function planReference(plan: SummaryPlan): string {
	const kind = plan.docType ?? 'Kế hoạch';
	return `${kind}${plan.number ? ` số ${plan.number}` : ''}${plan.date ? ` ngày ${formatDate(plan.date)}` : ''}`;
}
