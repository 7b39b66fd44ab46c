/**
 * The materialised JSON of a board at a moment: what a snapshot stores next to its Yjs state, and
 * what dashboards, comparisons and exports read (for the live board too). Agency names are copied
 * in, so a snapshot keeps the names it was taken with.
 */
import type { Deadline, SectionData, Status } from '../core/board-types.js';
import type { DeadlineCategory } from '../core/categories.js';

export const SUMMARY_VERSION = 1;

export interface SummaryAgency {
	name: string;
	shortName: string;
	isCollective: boolean;
}

export interface SummaryCard {
	id: string;
	code: string;
	/** The row number as the plan printed it inside its section ("3" of "II.3"). */
	stt: string;
	sectionId: string;
	title: string;
	lead: string[];
	support: string[];
	deadline: Deadline;
	status: Status;
	progress: number;
	completedAt: string | null;
	result: string;
	order: string;
	category: DeadlineCategory;
	commentCount: number;
	attachmentCount: number;
	updatedAt: string | null;
}

export interface SummaryIndicator {
	id: string;
	code: string | null;
	text: string;
	targets: { value: number; max: number | null; unit: string | null; comparator: string }[];
	reportedValue: number | null;
}

export interface SummaryPlan {
	id: string;
	number: string | null;
	docType: string | null;
	title: string;
	issuer: string | null;
	place: string | null;
	date: string | null;
	year: number;
}

export type CategoryCounts = Record<DeadlineCategory, number>;

export interface BoardSummary {
	version: number;
	boardId: string;
	title: string;
	appendix: string;
	plan: SummaryPlan;
	/** The day the categories were computed for (ISO, Vietnamese calendar). */
	asOf: string;
	takenAt: string;
	sections: SectionData[];
	agencies: Record<string, SummaryAgency>;
	/** In plan order: by section, then by row number. */
	cards: SummaryCard[];
	counts: CategoryCounts;
	indicators: SummaryIndicator[];
}

export function emptyCounts(): CategoryCounts {
	return { doneOnTime: 0, doneLate: 0, openNotDue: 0, openOverdue: 0 };
}

export function totalOf(counts: CategoryCounts): number {
	return counts.doneOnTime + counts.doneLate + counts.openNotDue + counts.openOverdue;
}

/** Whole-number percentages of a total (0 when there is nothing to count). */
export function percentOf(part: number, total: number): number {
	return total > 0 ? Math.round((part / total) * 1000) / 10 : 0;
}
