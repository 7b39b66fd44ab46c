/**
 * "Việc của đơn vị tôi": the tasks an agency leads across boards, most urgent first: overdue, then
 * due soon, then by due date; standing tasks after dated ones; done tasks last.
 */
import { urgency } from '../core/categories.js';
import type { CardData } from '../core/board-types.js';

export interface MyTask {
	boardId: string;
	boardTitle: string;
	card: Pick<CardData, 'id' | 'code' | 'title' | 'status' | 'deadline' | 'completedAt' | 'progress'>;
}

const URGENCY_RANK = { overdue: 0, soon: 1, none: 2 } as const;

export function sortMyTasks(tasks: MyTask[], today: string): MyTask[] {
	const rank = (t: MyTask) => (t.card.status === 'done' ? 3 : URGENCY_RANK[urgency(t.card, today)]);
	return [...tasks].sort((a, b) => {
		const r = rank(a) - rank(b);
		if (r !== 0) return r;
		const da = a.card.deadline.due ?? '9999';
		const db = b.card.deadline.due ?? '9999';
		if (da !== db) return da < db ? -1 : 1;
		return a.card.code.localeCompare(b.card.code, 'vi', { numeric: true });
	});
}
