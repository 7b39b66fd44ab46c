/**
 * How the cards of a board are laid out for the views: filtered, grouped into sections (swimlanes)
 * and status columns, ordered by their fractional order key. Pure functions over plain CardViews.
 */
import { STATUSES, type SectionData, type Status } from '../core/board-types.js';
import { isDueThisQuarter, isDueWithin, isPastDue } from '../core/dates.js';
import { matchesQuery, parseQuery } from '../core/search.js';
import type { CardView } from './board-mirror.js';

export type DueFilter = 'all' | 'overdue' | 'soon' | 'quarter';
export type AgencyRole = 'any' | 'lead' | 'support';

export interface BoardFilter {
	query: string;
	agencyId: string | null;
	agencyRole: AgencyRole;
	/** Empty: every status. */
	statuses: Status[];
	due: DueFilter;
	/** Only the cards the signed-in user's agency leads or supports. */
	mine: boolean;
	/** Ids of the board's labels: a card carrying any of them. Empty: every card. */
	labels: string[];
}

export const EMPTY_FILTER: BoardFilter = Object.freeze({
	query: '',
	agencyId: null,
	agencyRole: 'any',
	statuses: [],
	due: 'all',
	mine: false,
	labels: []
}) as BoardFilter;

export function activeFilterCount(f: BoardFilter): number {
	return (
		(f.query.trim() ? 1 : 0) +
		(f.agencyId ? 1 : 0) +
		(f.statuses.length ? 1 : 0) +
		(f.due !== 'all' ? 1 : 0) +
		(f.mine ? 1 : 0) +
		(f.labels.length ? 1 : 0)
	);
}

const DUES: readonly DueFilter[] = ['all', 'overdue', 'soon', 'quarter'];
/** The URL parameters a filter is kept in (a filtered board can be shared as a link). */
export const FILTER_PARAMS = ['q', 'agency', 'role', 'status', 'due', 'mine', 'label'] as const;

/** The filter a board link carries: ?q=…&agency=<id>&role=lead&status=todo,doing&due=overdue&mine=1&label=<id>,<id>. */
export function filterFromParams(params: URLSearchParams): BoardFilter {
	const list = (k: string) =>
		(params.get(k) ?? '')
			.split(',')
			.map((v) => v.trim())
			.filter(Boolean);
	const role = params.get('role');
	const due = params.get('due') as DueFilter | null;
	const agencyId = params.get('agency') || null;
	return {
		query: params.get('q') ?? '',
		agencyId,
		agencyRole: agencyId && (role === 'lead' || role === 'support') ? role : 'any',
		statuses: [...new Set(list('status'))].filter((s): s is Status => (STATUSES as readonly string[]).includes(s)),
		due: due && DUES.includes(due) ? due : 'all',
		mine: params.get('mine') === '1',
		labels: [...new Set(list('label'))]
	};
}

/** Writes a filter into URL parameters (other parameters are kept); an empty filter leaves none. */
export function filterToParams(f: BoardFilter, params: URLSearchParams): URLSearchParams {
	const out = new URLSearchParams(params);
	for (const k of FILTER_PARAMS) out.delete(k);
	if (f.query.trim()) out.set('q', f.query);
	if (f.agencyId) {
		out.set('agency', f.agencyId);
		if (f.agencyRole !== 'any') out.set('role', f.agencyRole);
	}
	if (f.statuses.length) out.set('status', f.statuses.join(','));
	if (f.due !== 'all') out.set('due', f.due);
	if (f.mine) out.set('mine', '1');
	if (f.labels.length) out.set('label', f.labels.join(','));
	return out;
}

export interface FilterContext {
	today: string;
	myAgencyId: string | null;
}

function involves(card: CardView, agencyId: string, role: AgencyRole): boolean {
	if (role === 'lead') return card.lead.includes(agencyId);
	if (role === 'support') return card.support.includes(agencyId);
	return card.lead.includes(agencyId) || card.support.includes(agencyId);
}

/** A predicate for the filter; the query is folded once here, not once per card. */
export function cardFilter(f: BoardFilter, ctx: FilterContext): (card: CardView) => boolean {
	const words = parseQuery(f.query);
	const statuses = new Set(f.statuses);
	const labels = new Set(f.labels);
	return (card) => {
		if (statuses.size > 0 && !statuses.has(card.status)) return false;
		if (labels.size > 0 && !card.labels.some((l) => labels.has(l))) return false;
		if (f.agencyId && !involves(card, f.agencyId, f.agencyRole)) return false;
		if (f.mine && (!ctx.myAgencyId || !involves(card, ctx.myAgencyId, 'any'))) return false;
		if (f.due !== 'all') {
			const due = card.deadline.due;
			if (card.status === 'done') return false;
			if (f.due === 'overdue' && !isPastDue(due, ctx.today)) return false;
			if (f.due === 'soon' && !isDueWithin(due, ctx.today)) return false;
			if (f.due === 'quarter' && !isDueThisQuarter(due, ctx.today)) return false;
		}
		return words.length === 0 || matchesQuery(card.searchText, words);
	};
}

/** Column order: by order key, ties broken by id (as board-doc's columnOrders does). */
export function byOrder(a: CardView, b: CardView): number {
	if (a.order !== b.order) return a.order < b.order ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Plan order: by section, then by the code's numbers ("II.3" before "II.10"). */
export function byCode(a: CardView, b: CardView): number {
	return a.code.localeCompare(b.code, 'vi', { numeric: true });
}

export type Columns = Record<Status, CardView[]>;

export interface Lane {
	/** The section's id, or "" for cards whose section is unknown. */
	id: string;
	code: string;
	title: string;
	columns: Columns;
	count: number;
}

function emptyColumns(): Columns {
	return { todo: [], doing: [], blocked: [], done: [] };
}

/** A card being moved with the keyboard: shown at its new place before it is dropped. */
export interface MovePreview {
	cardId: string;
	status: Status;
	/** Index among the lane cell's other cards. */
	index: number;
}

/** Swimlanes by section, each with the four status columns, cards in column order. */
export function laneLayout(cards: readonly CardView[], sections: readonly SectionData[], preview?: MovePreview | null): Lane[] {
	const lanes = new Map<string, Lane>();
	for (const s of sections) lanes.set(s.id, { id: s.id, code: s.code, title: s.title, columns: emptyColumns(), count: 0 });
	let moving: CardView | undefined;
	for (const c of cards) {
		if (preview && c.id === preview.cardId) {
			moving = c;
			continue;
		}
		let lane = lanes.get(c.sectionId);
		if (!lane) {
			lane = lanes.get('');
			if (!lane) {
				lane = { id: '', code: '', title: '', columns: emptyColumns(), count: 0 };
				lanes.set('', lane);
			}
		}
		lane.columns[c.status].push(c);
		lane.count++;
	}
	for (const lane of lanes.values()) for (const s of STATUSES) lane.columns[s].sort(byOrder);
	if (moving && preview) {
		const lane = lanes.get(moving.sectionId) ?? lanes.get('');
		if (lane) {
			const col = lane.columns[preview.status];
			col.splice(Math.max(0, Math.min(col.length, preview.index)), 0, moving);
			lane.count++;
		}
	}
	return [...lanes.values()];
}

/**
 * The swimlanes to draw: every section when nothing is filtered out, only the sections with a
 * matching card when a filter hides some (an empty lane under a filter is noise).
 */
export function visibleLanes(lanes: readonly Lane[], filtered: boolean): Lane[] {
	return filtered ? lanes.filter((l) => l.count > 0) : [...lanes];
}

/** Where a dropped card lands, named by the visible cards around it (filters may hide others). */
export interface DropNeighbours {
	/** The card it was dropped above. */
	before?: string | null;
	/** The card it was dropped below (used when there is no card after it in the cell). */
	after?: string | null;
}

/**
 * The index in the whole status column (moveCard's `index`) for a card dropped into a lane cell:
 * just before the card it was dropped above, else just after the card it was dropped below, else
 * (an empty cell) after the last card of its section in that column, else at the column's end.
 */
export function columnIndexFor(cards: readonly CardView[], cardId: string, status: Status, sectionId: string, at: DropNeighbours): number {
	const column = cards.filter((c) => c.status === status && c.id !== cardId).sort(byOrder);
	const find = (id: string | null | undefined) => (id ? column.findIndex((c) => c.id === id) : -1);
	const before = find(at.before);
	if (before >= 0) return before;
	const after = find(at.after);
	if (after >= 0) return after + 1;
	for (let i = column.length - 1; i >= 0; i--) if (column[i].sectionId === sectionId) return i + 1;
	return column.length;
}

export interface AgencyGroup {
	agencyId: string;
	cards: CardView[];
}

/** Cards grouped by lead agency (a card led by two agencies shows under both), in plan order. */
export function groupByLead(cards: readonly CardView[]): AgencyGroup[] {
	const groups = new Map<string, CardView[]>();
	for (const c of cards) {
		const leads = c.lead.length > 0 ? c.lead : [''];
		for (const a of leads) {
			let list = groups.get(a);
			if (!list) groups.set(a, (list = []));
			list.push(c);
		}
	}
	return [...groups.entries()]
		.map(([agencyId, list]) => ({ agencyId, cards: list.sort(byCode) }))
		.sort((a, b) => b.cards.length - a.cards.length || (a.agencyId === '' ? 1 : b.agencyId === '' ? -1 : 0));
}

/** Table order: sections in plan order, cards by code within them. */
export function tableRows(cards: readonly CardView[], sections: readonly SectionData[]): { section: SectionData | null; cards: CardView[] }[] {
	const bySection = new Map<string, CardView[]>();
	for (const c of cards) {
		const key = sections.some((s) => s.id === c.sectionId) ? c.sectionId : '';
		let list = bySection.get(key);
		if (!list) bySection.set(key, (list = []));
		list.push(c);
	}
	const out: { section: SectionData | null; cards: CardView[] }[] = [];
	for (const s of sections) {
		const list = bySection.get(s.id);
		if (list) out.push({ section: s, cards: list.sort(byCode) });
	}
	const rest = bySection.get('');
	if (rest) out.push({ section: null, cards: rest.sort(byCode) });
	return out;
}
