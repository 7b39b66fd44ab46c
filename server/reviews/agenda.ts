/**
 * The agenda of a quarterly review, built from the board: first the tasks due in that quarter, then
 * the other overdue tasks, then the other blocked ones (Vướng mắc), then the rest. Inside each part
 * the tasks are grouped by lead agency (the first lead of a task led by several; agencies in
 * alphabetical order, tasks without a lead last), and keep plan order inside a group. Archived tasks
 * (taken off the board by a manager) are never on the agenda.
 */
import type { Deadline, SectionData, Status } from '../../src/lib/core/board-types.js';
import { isPastDue, quarterRange, type Quarter } from '../../src/lib/core/dates.js';
import { sortInPlanOrder } from '../../src/lib/review/plan-order.js';
import { AGENDA_BUCKETS, type AgendaBucket } from '../../src/lib/review/review-types.js';

export interface AgendaCard {
	id: string;
	code: string;
	sectionId: string;
	lead: string[];
	deadline: Pick<Deadline, 'due'>;
	status: Status;
	/** Set when a manager archived the task (board document schema 2): such a task is left out. */
	archived?: unknown;
}

export interface AgendaEntry {
	cardId: string;
	bucket: AgendaBucket;
	agencyId: string | null;
}

export function bucketOf(card: AgendaCard, quarter: Quarter, today: string): AgendaBucket {
	const { start, end } = quarterRange(quarter);
	const due = card.deadline.due;
	if (due && due >= start && due <= end) return 'due';
	if (card.status !== 'done' && isPastDue(due, today)) return 'overdue';
	if (card.status === 'blocked') return 'blocked';
	return 'other';
}

export function buildAgenda(
	cards: AgendaCard[],
	sections: SectionData[],
	quarter: Quarter,
	today: string,
	agencyName: (id: string) => string
): AgendaEntry[] {
	const ordered = sortInPlanOrder(
		cards.filter((c) => !c.archived),
		sections
	);
	const out: AgendaEntry[] = [];
	for (const bucket of AGENDA_BUCKETS) {
		const inBucket = ordered.filter((c) => bucketOf(c, quarter, today) === bucket);
		const groups = new Map<string | null, AgendaCard[]>();
		for (const c of inBucket) {
			const agency = c.lead[0] ?? null;
			groups.set(agency, [...(groups.get(agency) ?? []), c]);
		}
		const agencies = [...groups.keys()].sort((a, b) => {
			if (a === null) return 1;
			if (b === null) return -1;
			return agencyName(a).localeCompare(agencyName(b), 'vi');
		});
		for (const agencyId of agencies) {
			for (const c of groups.get(agencyId)!) out.push({ cardId: c.id, bucket, agencyId });
		}
	}
	return out;
}
