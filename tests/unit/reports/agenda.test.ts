import { describe, expect, it } from 'vitest';
import { buildAgenda, bucketOf, type AgendaCard } from '../../../server/reviews/agenda.js';
import { readBoard } from '../../../src/lib/core/board-doc.js';
import { archiveCard } from '../../../src/lib/core/board-editing.js';
import { summarizeDoc } from '../../../server/snapshots/summarize.js';
import { context, fixtureDoc, AG } from './fixture-board.js';

const names = (id: string) => context.agencies[id]?.name ?? id;

function agendaOn(today: string, quarter = { year: 2026, quarter: 3 }) {
	const board = readBoard(fixtureDoc().doc);
	const codes = new Map(board.cards.map((c) => [c.id, c.code]));
	return buildAgenda(board.cards, board.sections, quarter, today, names).map((e) => ({ ...e, code: codes.get(e.cardId) }));
}

const card = (over: Partial<AgendaCard>): AgendaCard => ({
	id: 'x',
	code: 'I.1',
	sectionId: 's1',
	lead: [],
	deadline: { due: null },
	status: 'todo',
	...over
});

describe('review agenda', () => {
	it('a task due inside the quarter is on the agenda as "due", even when it is done', () => {
		const q2 = { year: 2026, quarter: 2 };
		expect(bucketOf(card({ deadline: { due: '2026-04-01' } }), q2, '2026-07-05')).toBe('due');
		expect(bucketOf(card({ deadline: { due: '2026-06-30' }, status: 'done' }), q2, '2026-07-05')).toBe('due');
	});

	it('an open task due before the quarter is "overdue"; a done one is not', () => {
		const q3 = { year: 2026, quarter: 3 };
		expect(bucketOf(card({ deadline: { due: '2026-03-31' } }), q3, '2026-10-05')).toBe('overdue');
		expect(bucketOf(card({ deadline: { due: '2026-03-31' }, status: 'done' }), q3, '2026-10-05')).toBe('other');
	});

	it('a blocked task not due this quarter nor overdue is "blocked"', () => {
		expect(bucketOf(card({ deadline: { due: '2026-12-31' }, status: 'blocked' }), { year: 2026, quarter: 3 }, '2026-10-05')).toBe('blocked');
	});

	it('the agenda runs: due this quarter, overdue, blocked, then the rest', () => {
		const agenda = agendaOn('2026-10-05');
		expect(agenda.map((e) => [e.code, e.bucket])).toEqual([
			['I.10', 'due'],
			['II.1', 'overdue'],
			['II.2', 'blocked'],
			// The rest, by lead agency: Sở Nông nghiệp và Môi trường, then Sở Tài chính.
			['I.2', 'other'],
			['I.1', 'other'],
			['II.3', 'other']
		]);
	});

	it('inside a part, tasks are grouped by their first lead agency, agencies in alphabetical order', () => {
		const agenda = agendaOn('2026-07-05', { year: 2026, quarter: 2 });
		const due = agenda.filter((e) => e.bucket === 'due');
		// "Sở Nông nghiệp…" sorts before "Sở Tài chính".
		expect(due.map((e) => [e.code, e.agencyId])).toEqual([
			['I.2', AG.snn],
			['I.1', AG.stc]
		]);
		const other = agenda.filter((e) => e.bucket === 'other');
		expect(other.map((e) => e.code)).toEqual(['I.10', 'II.3']);
	});

	it('every card is on the agenda exactly once', () => {
		const agenda = agendaOn('2026-10-05');
		expect(new Set(agenda.map((e) => e.cardId)).size).toBe(6);
		expect(agenda).toHaveLength(6);
	});

	it('tasks without a lead agency come last in their part', () => {
		const cards = [card({ id: 'a', code: 'I.1' }), card({ id: 'b', code: 'I.2', lead: [AG.stc] })];
		expect(buildAgenda(cards, [], { year: 2026, quarter: 1 }, '2026-01-10', names).map((e) => e.cardId)).toEqual(['b', 'a']);
	});

	it('archived tasks are not on the agenda, whether given the board or its summary; restored, they return', () => {
		const { doc } = fixtureDoc();
		const all = agendaOn('2026-10-05');
		const target = all[0].cardId;
		archiveCard(doc, target, 'Chuyển sang kế hoạch năm sau', { userId: 'u-admin' });
		const board = readBoard(doc);
		const fromBoard = buildAgenda(board.cards, board.sections, { year: 2026, quarter: 3 }, '2026-10-05', names);
		expect(fromBoard.map((e) => e.cardId)).not.toContain(target);
		expect(fromBoard).toHaveLength(all.length - 1);
		const summary = summarizeDoc(doc, context, '2026-10-05');
		const fromSummary = buildAgenda(summary.cards, summary.sections, { year: 2026, quarter: 3 }, '2026-10-05', names);
		expect(fromSummary.map((e) => e.cardId)).toEqual(fromBoard.map((e) => e.cardId));
		expect(
			buildAgenda(
				[card({ id: 'a', archived: { at: '2026-10-01T00:00:00Z', by: 'u', reason: 'x' } }), card({ id: 'b' })],
				[],
				{ year: 2026, quarter: 1 },
				'2026-01-10',
				names
			).map((e) => e.cardId)
		).toEqual(['b']);
	});
});
