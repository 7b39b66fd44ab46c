/**
 * Has this plan been imported before? The same document number (ignoring case and spaces) in the
 * same year, or, for a plan without a number, the same title (ignoring tone-mark placement, case
 * and spacing). A re-import is allowed but never silent: the page names the boards that exist.
 */
import { searchKey } from '../../lib/core/text.js';

export interface ExistingBoard {
	id: string;
	title: string;
	appendix?: string | null;
	planId: string;
	planTitle: string;
	planNumber: string | null;
	planDate: string | null;
}

export interface PlanIdentity {
	number: string | null;
	title: string;
	date: string | null;
}

const numberKey = (n: string) => n.toLowerCase().replace(/\s+/g, '');
const yearOf = (d: string | null) => (d ? d.slice(0, 4) : null);

export function existingBoardsOf(plan: PlanIdentity, boards: readonly ExistingBoard[]): ExistingBoard[] {
	return boards.filter((b) => {
		if (plan.number && b.planNumber) {
			const sameYear = !plan.date || !b.planDate || yearOf(plan.date) === yearOf(b.planDate);
			return numberKey(plan.number) === numberKey(b.planNumber) && sameYear;
		}
		return searchKey(plan.title) === searchKey(b.planTitle);
	});
}
