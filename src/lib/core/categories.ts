/**
 * The government's task-tracking categories (as in the Prime Minister's Working Group reports):
 * hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành – trong hạn, chưa hoàn thành – quá hạn.
 * And the urgency shown on an open card (overdue, due within 14 days).
 */
import type { Deadline, Status } from './board-types.js';
import { DUE_SOON_DAYS, isDueWithin, isPastDue, localDate } from './dates.js';

export const DEADLINE_CATEGORIES = ['doneOnTime', 'doneLate', 'openNotDue', 'openOverdue'] as const;
export type DeadlineCategory = (typeof DEADLINE_CATEGORIES)[number];

export interface CategoryInput {
	deadline: Pick<Deadline, 'due'>;
	status: Status;
	completedAt: string | null;
}

/**
 * A task without a due date (standing tasks, "Đã thực hiện", unread deadlines) cannot be late.
 * A done task is late when the Vietnamese calendar day it was completed is after its due day;
 * a done task with no completion time (already done when the plan was issued) is on time.
 */
export function deadlineCategory(card: CategoryInput, today: string): DeadlineCategory {
	const due = card.deadline.due;
	if (card.status === 'done') {
		if (!due || !card.completedAt) return 'doneOnTime';
		const doneOn = localDate(card.completedAt);
		return doneOn && doneOn > due ? 'doneLate' : 'doneOnTime';
	}
	return isPastDue(due, today) ? 'openOverdue' : 'openNotDue';
}

export type Urgency = 'overdue' | 'soon' | 'none';

/** How an open card's deadline is shown: overdue, due within 14 days, or neither. Done cards are never urgent. */
export function urgency(card: CategoryInput, today: string, soonDays = DUE_SOON_DAYS): Urgency {
	if (card.status === 'done') return 'none';
	if (isPastDue(card.deadline.due, today)) return 'overdue';
	if (isDueWithin(card.deadline.due, today, soonDays)) return 'soon';
	return 'none';
}

/** Counts of each category over a set of cards. */
export function countCategories(cards: Iterable<CategoryInput>, today: string): Record<DeadlineCategory, number> {
	const counts: Record<DeadlineCategory, number> = { doneOnTime: 0, doneLate: 0, openNotDue: 0, openOverdue: 0 };
	for (const c of cards) counts[deadlineCategory(c, today)]++;
	return counts;
}
