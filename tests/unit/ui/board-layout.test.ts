import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../src/lib/client/board-mirror.js';
import {
	activeFilterCount,
	cardFilter,
	columnIndexFor,
	EMPTY_FILTER,
	filterFromParams,
	filterToParams,
	groupByLead,
	laneLayout,
	tableRows,
	visibleLanes,
	type BoardFilter
} from '../../../src/lib/client/board-layout.js';
import { cardSearchText } from '../../../src/lib/core/search.js';
import type { CardData } from '../../../src/lib/core/board-types.js';

let n = 0;
function card(over: Partial<CardData> = {}): CardView {
	const c: CardData = {
		id: `c${++n}`,
		code: `I.${n}`,
		sectionId: 's1',
		title: `Nhiệm vụ ${n}`,
		lead: ['stc'],
		support: [],
		deadline: { raw: 'Quý III/2026', kind: 'quarter', due: '2026-09-30' },
		status: 'todo',
		progress: 0,
		completedAt: null,
		result: '',
		order: 'a0',
		comments: [],
		attachments: [],
		updatedAt: null,
		updatedBy: null,
		labels: [],
		checklist: [],
		handler: null,
		progressFromChecklist: false,
		archived: null,
		...over
	};
	return { ...c, commentCount: 0, attachmentCount: 0, searchText: cardSearchText(c) };
}

const sections = [
	{ id: 's1', code: 'I', title: 'Chỉ đạo', order: 0 },
	{ id: 's2', code: 'II', title: 'Hỗ trợ', order: 1 }
];
const ctx = { today: '2026-07-10', myAgencyId: 'snnmt' };
const filtered = (cards: CardView[], f: Partial<BoardFilter>) => cards.filter(cardFilter({ ...EMPTY_FILTER, ...f }, ctx)).map((c) => c.id);

describe('swimlanes and columns', () => {
	it('puts each card in its section’s lane and its status column, in order-key order', () => {
		const a = card({ order: 'a2' });
		const b = card({ order: 'a1' });
		const c = card({ sectionId: 's2', status: 'done' });
		const lanes = laneLayout([a, b, c], sections);
		expect(lanes.map((l) => l.code)).toEqual(['I', 'II']);
		expect(lanes[0].columns.todo.map((x) => x.id)).toEqual([b.id, a.id]);
		expect(lanes[1].columns.done.map((x) => x.id)).toEqual([c.id]);
	});

	it('cards with the same order key are ordered by id, as the document does', () => {
		const a = card({ id: 'zz', order: 'a1' });
		const b = card({ id: 'aa', order: 'a1' });
		expect(laneLayout([a, b], sections)[0].columns.todo.map((x) => x.id)).toEqual(['aa', 'zz']);
	});

	it('a card whose section is unknown goes to a lane of its own at the end', () => {
		const lost = card({ sectionId: 'gone' });
		const lanes = laneLayout([lost], sections);
		expect(lanes.at(-1)?.id).toBe('');
		expect(lanes.at(-1)?.columns.todo).toHaveLength(1);
	});

	it('a card being moved with the keyboard is shown at its preview place', () => {
		const a = card({ order: 'a1' });
		const b = card({ order: 'a2' });
		const lanes = laneLayout([a, b], sections, { cardId: a.id, status: 'doing', index: 0 });
		expect(lanes[0].columns.todo.map((x) => x.id)).toEqual([b.id]);
		expect(lanes[0].columns.doing.map((x) => x.id)).toEqual([a.id]);
	});
});

describe('lanes under a filter', () => {
	it('a section left without a matching card is not drawn while a filter is on', () => {
		const lanes = laneLayout([card({ sectionId: 's2' })], sections);
		expect(visibleLanes(lanes, true).map((l) => l.code)).toEqual(['II']);
	});

	it('without a filter every section is drawn, even an empty one', () => {
		const lanes = laneLayout([card({ sectionId: 's2' })], sections);
		expect(visibleLanes(lanes, false).map((l) => l.code)).toEqual(['I', 'II']);
	});
});

describe('where a dropped card lands in its whole column (moveCard index)', () => {
	const x1 = card({ id: 'x1', sectionId: 's1', status: 'doing', order: 'a1' });
	const y1 = card({ id: 'y1', sectionId: 's2', status: 'doing', order: 'a2' });
	const x2 = card({ id: 'x2', sectionId: 's1', status: 'doing', order: 'a3' });
	const moving = card({ id: 'm', sectionId: 's1', status: 'todo' });
	const all = [x1, y1, x2, moving];

	it('dropped above a card: takes that card’s index', () => {
		expect(columnIndexFor(all, 'm', 'doing', 's1', { before: 'x2' })).toBe(2);
	});

	it('dropped below the last card of its lane: right after it', () => {
		expect(columnIndexFor(all, 'm', 'doing', 's1', { before: null, after: 'x2' })).toBe(3);
	});

	it('dropped in an empty lane cell: after the last card of its section in that column', () => {
		expect(columnIndexFor([y1, moving], 'm', 'doing', 's1', {})).toBe(1);
		expect(columnIndexFor([x1, y1, moving], 'm', 'doing', 's1', {})).toBe(1);
	});

	it('the moving card itself is not counted', () => {
		const same = [x1, x2, card({ id: 'm2', sectionId: 's1', status: 'doing', order: 'a0' })];
		expect(columnIndexFor(same, 'm2', 'doing', 's1', { before: 'x2' })).toBe(1);
	});
});

describe('filters', () => {
	const a = card({ lead: ['stc'], support: ['snnmt'], title: 'Hỗ trợ Hợp tác xã Hòa An' });
	const b = card({ lead: ['snnmt'], status: 'doing', deadline: { raw: 'Quý II/2026', kind: 'quarter', due: '2026-06-30' } });
	const c = card({ lead: ['lmhtx'], status: 'done', deadline: { raw: 'Quý II/2026', kind: 'quarter', due: '2026-06-30' } });
	const d = card({ lead: ['lmhtx'], deadline: { raw: 'Nhiệm vụ thường xuyên', kind: 'recurring', due: null } });
	const all = [a, b, c, d];

	it('no filter keeps every card', () => {
		expect(filtered(all, {})).toHaveLength(4);
	});

	it('by agency as lead', () => {
		expect(filtered(all, { agencyId: 'snnmt', agencyRole: 'lead' })).toEqual([b.id]);
	});

	it('by agency as support', () => {
		expect(filtered(all, { agencyId: 'snnmt', agencyRole: 'support' })).toEqual([a.id]);
	});

	it('by agency in either role', () => {
		expect(filtered(all, { agencyId: 'snnmt' })).toEqual([a.id, b.id]);
	});

	it('by status', () => {
		expect(filtered(all, { statuses: ['doing', 'done'] })).toEqual([b.id, c.id]);
	});

	it('overdue keeps open cards past their due date, not done ones', () => {
		expect(filtered(all, { due: 'overdue' })).toEqual([b.id]);
	});

	it('due this quarter (III/2026 on 10/07/2026) keeps open cards due by 30/09', () => {
		expect(filtered(all, { due: 'quarter' })).toEqual([a.id]);
	});

	it('"my agency" keeps the cards my agency leads or supports', () => {
		expect(filtered(all, { mine: true })).toEqual([a.id, b.id]);
	});

	it('search ignores diacritics and tone placement', () => {
		expect(filtered(all, { query: 'hoa an' })).toEqual([a.id]);
		expect(filtered(all, { query: 'Hoà An' })).toEqual([a.id]);
	});

	it('counts the filters in use', () => {
		expect(activeFilterCount({ ...EMPTY_FILTER, query: 'x', mine: true })).toBe(2);
		expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
	});
});

describe('table and agency views', () => {
	it('the table lists sections in plan order and cards by code, II.10 after II.9', () => {
		const c9 = card({ code: 'II.9', sectionId: 's2' });
		const c10 = card({ code: 'II.10', sectionId: 's2' });
		const i1 = card({ code: 'I.1', sectionId: 's1' });
		const rows = tableRows([c10, i1, c9], sections);
		expect(rows.map((r) => r.section?.code)).toEqual(['I', 'II']);
		expect(rows[1].cards.map((c) => c.code)).toEqual(['II.9', 'II.10']);
	});

	it('a card led by two agencies appears under both', () => {
		const shared = card({ lead: ['stc', 'lmhtx'] });
		const groups = groupByLead([shared, card({ lead: ['stc'] })]);
		expect(groups.map((g) => [g.agencyId, g.cards.length])).toEqual([
			['stc', 2],
			['lmhtx', 1]
		]);
	});
});

describe('filters in the URL and by label', () => {
	const ctx = { today: '2026-07-01', myAgencyId: 'stc' };

	it('a label filter keeps the cards carrying any of the chosen labels', () => {
		const a = card({ labels: ['lb1'] });
		const b = card({ labels: ['lb2', 'lb1'] });
		const c = card({ labels: [] });
		const keep = cardFilter({ ...EMPTY_FILTER, labels: ['lb1'] }, ctx);
		expect([a, b, c].filter(keep).map((x) => x.id)).toEqual([a.id, b.id]);
		expect(activeFilterCount({ ...EMPTY_FILTER, labels: ['lb1'] })).toBe(1);
	});

	it('every filter round-trips through the URL; other parameters stay; an empty filter leaves none', () => {
		const f: BoardFilter = {
			query: 'tập huấn HTX',
			agencyId: 'stc',
			agencyRole: 'lead',
			statuses: ['todo', 'doing'],
			due: 'overdue',
			mine: true,
			labels: ['lb1', 'lb2']
		};
		const params = filterToParams(f, new URLSearchParams('view=table&card=c9'));
		expect(params.get('view')).toBe('table');
		expect(params.get('card')).toBe('c9');
		expect(filterFromParams(new URLSearchParams(params.toString()))).toEqual(f);
		expect(filterToParams(EMPTY_FILTER, params).toString()).toBe('view=table&card=c9');
		expect(filterFromParams(new URLSearchParams(''))).toEqual(EMPTY_FILTER);
	});

	it('a hand-edited link is read safely: unknown statuses and dues are dropped, a role needs an agency', () => {
		const f = filterFromParams(new URLSearchParams('status=doing,zzz&due=later&role=lead&label=lb1,,lb1&mine=yes'));
		expect(f).toEqual({ ...EMPTY_FILTER, statuses: ['doing'], labels: ['lb1'] });
		expect(filterFromParams(new URLSearchParams('agency=stc&role=support'))).toMatchObject({ agencyId: 'stc', agencyRole: 'support' });
	});
});
