/**
 * Builds the materialised summary of a board document (src/lib/review/board-summary.ts): cards in
 * plan order with their deadline category for a given day, the names of every agency they mention,
 * and the plan's indicators as they stand.
 */
import type * as Y from 'yjs';
import type { DB } from '../db/database.js';
import { readBoard } from '../../src/lib/core/board-doc.js';
import { countCategories, deadlineCategory } from '../../src/lib/core/categories.js';
import { sortInPlanOrder, sttOf } from '../../src/lib/review/plan-order.js';
import {
	SUMMARY_VERSION,
	type BoardSummary,
	type SummaryAgency,
	type SummaryCard,
	type SummaryIndicator
} from '../../src/lib/review/board-summary.js';

/** What the database adds to a document: the board's plan, agency names and indicators. */
export interface SummaryContext {
	boardId: string;
	title: string;
	appendix: string;
	plan: BoardSummary['plan'];
	agencies: Record<string, SummaryAgency>;
	indicators: SummaryIndicator[];
}

export async function loadSummaryContext(db: DB, boardId: string): Promise<SummaryContext> {
	const board = await db.selectFrom('boards').selectAll().where('id', '=', boardId).executeTakeFirstOrThrow();
	const plan = await db.selectFrom('plans').selectAll().where('id', '=', board.plan_id).executeTakeFirstOrThrow();
	const agencies = await db.selectFrom('agencies').select(['id', 'name', 'short_name', 'is_collective']).where('org_id', '=', board.org_id).execute();
	const indicators = await db.selectFrom('indicators').selectAll().where('plan_id', '=', plan.id).orderBy('order_index').execute();
	return {
		boardId,
		title: board.title,
		appendix: board.appendix,
		plan: {
			id: plan.id,
			number: plan.number,
			docType: plan.doc_type,
			title: plan.title,
			issuer: plan.issuer,
			place: plan.place,
			date: plan.date,
			year: plan.year
		},
		agencies: Object.fromEntries(agencies.map((a) => [a.id, { name: a.name, shortName: a.short_name, isCollective: a.is_collective === 1 }])),
		indicators: indicators.map((i) => ({
			id: i.id,
			code: i.code,
			text: i.text,
			targets: JSON.parse(i.targets_json) as SummaryIndicator['targets'],
			reportedValue: i.reported_value
		}))
	};
}

export function summarizeDoc(doc: Y.Doc, context: SummaryContext, asOf: string, takenAt = new Date().toISOString()): BoardSummary {
	const read = readBoard(doc);
	// Archived tasks leave the categories, counts, reports and exports from the moment they are archived
	// (a snapshot taken before keeps them: it is frozen).
	const board = { ...read, cards: read.cards.filter((c) => !c.archived) };
	const sectionCode = new Map(board.sections.map((s) => [s.id, s.code]));
	const cards: SummaryCard[] = sortInPlanOrder(board.cards, board.sections).map((c) => ({
		id: c.id,
		code: c.code,
		stt: sttOf(c.code, sectionCode.get(c.sectionId)),
		sectionId: c.sectionId,
		title: c.title,
		lead: c.lead,
		support: c.support,
		deadline: c.deadline,
		status: c.status,
		progress: c.progress,
		completedAt: c.completedAt,
		result: c.result,
		order: c.order,
		category: deadlineCategory(c, asOf),
		commentCount: c.comments.filter((x) => !x.deleted).length,
		attachmentCount: c.attachments.length,
		updatedAt: c.updatedAt
	}));
	// Only the agencies this board mentions travel with it.
	const used = new Set(cards.flatMap((c) => [...c.lead, ...c.support]));
	const agencies: Record<string, SummaryAgency> = {};
	for (const id of used) if (context.agencies[id]) agencies[id] = context.agencies[id];
	return {
		version: SUMMARY_VERSION,
		boardId: context.boardId,
		title: context.title,
		appendix: context.appendix,
		plan: context.plan,
		asOf,
		takenAt,
		sections: board.sections,
		agencies,
		cards,
		counts: countCategories(board.cards, asOf),
		indicators: context.indicators
	};
}
