/**
 * What changed between two snapshots of a board, as leaders ask it: which tasks changed status,
 * which became overdue, which were completed, and what results were reported in between.
 */
import type { Status } from '../core/board-types.js';
import type { DeadlineCategory } from '../core/categories.js';
import type { BoardSummary, CategoryCounts, SummaryCard } from './board-summary.js';

export interface CardRef {
	id: string;
	code: string;
	title: string;
}

export interface StatusChange extends CardRef {
	from: Status;
	to: Status;
}

export interface CategoryChange extends CardRef {
	from: DeadlineCategory;
	to: DeadlineCategory;
	due: string | null;
}

export interface ResultAdded extends CardRef {
	/** The text that was added (the new part when the old result was kept and extended). */
	added: string;
	result: string;
}

export interface SnapshotComparison {
	from: { asOf: string; takenAt: string; counts: CategoryCounts };
	to: { asOf: string; takenAt: string; counts: CategoryCounts };
	statusChanged: StatusChange[];
	becameOverdue: CategoryChange[];
	completed: CategoryChange[];
	resultsAdded: ResultAdded[];
	/** Tasks present in only one of the two. */
	added: CardRef[];
	removed: CardRef[];
}

const ref = (c: SummaryCard): CardRef => ({ id: c.id, code: c.code, title: c.title });

function addedText(before: string, after: string): string {
	const a = before.trim();
	const b = after.trim();
	if (a && b.startsWith(a)) return b.slice(a.length).trim();
	return b;
}

/** Compares an earlier summary with a later one (the order of the arguments is the order of time). */
export function compareSummaries(from: BoardSummary, to: BoardSummary): SnapshotComparison {
	const before = new Map(from.cards.map((c) => [c.id, c]));
	const after = new Set(to.cards.map((c) => c.id));
	const out: SnapshotComparison = {
		from: { asOf: from.asOf, takenAt: from.takenAt, counts: from.counts },
		to: { asOf: to.asOf, takenAt: to.takenAt, counts: to.counts },
		statusChanged: [],
		becameOverdue: [],
		completed: [],
		resultsAdded: [],
		added: [],
		removed: from.cards.filter((c) => !after.has(c.id)).map(ref)
	};
	for (const card of to.cards) {
		const old = before.get(card.id);
		if (!old) {
			out.added.push(ref(card));
			continue;
		}
		if (old.status !== card.status) out.statusChanged.push({ ...ref(card), from: old.status, to: card.status });
		const change = { ...ref(card), from: old.category, to: card.category, due: card.deadline.due };
		if (card.category === 'openOverdue' && old.category !== 'openOverdue') out.becameOverdue.push(change);
		if (card.status === 'done' && old.status !== 'done') out.completed.push(change);
		if (card.result.trim() !== old.result.trim() && card.result.trim()) {
			const added = addedText(old.result, card.result);
			if (added) out.resultsAdded.push({ ...ref(card), added, result: card.result });
		}
	}
	return out;
}
