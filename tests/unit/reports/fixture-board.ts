/**
 * A small board with fixed dates for report tests: two sections, tasks due in Quý II and III/2026,
 * one done on time, one done a day late (due 30/06, done 01/07 Vietnamese time), one blocked.
 */
import * as Y from 'yjs';
import { initBoardDoc, setResult, setStatus } from '../../../src/lib/core/board-doc.js';
import type { SummaryContext } from '../../../server/snapshots/summarize.js';

export const AG = { stc: 'ag-stc', snn: 'ag-snn', lm: 'ag-lm', all: 'ag-all' } as const;

export const context: SummaryContext = {
	boardId: 'board-1',
	title: 'Kế hoạch hoạt động năm 2026',
	appendix: 'Phụ lục I',
	plan: {
		id: 'plan-1',
		number: '12/KH-BCĐ',
		docType: 'Kế hoạch',
		title: 'Hoạt động năm 2026 của Ban Chỉ đạo phát triển kinh tế tập thể thành phố Cần Thơ',
		issuer: 'Ban Chỉ đạo phát triển kinh tế tập thể thành phố Cần Thơ',
		place: 'Cần Thơ',
		date: '2026-01-15',
		year: 2026
	},
	agencies: {
		[AG.stc]: { name: 'Sở Tài chính', shortName: 'STC', isCollective: false },
		[AG.snn]: { name: 'Sở Nông nghiệp và Môi trường', shortName: 'SNNMT', isCollective: false },
		[AG.lm]: { name: 'Liên minh Hợp tác xã thành phố', shortName: 'LMHTX', isCollective: false },
		[AG.all]: { name: 'Các sở, ngành, địa phương', shortName: 'Các sở, ngành', isCollective: true }
	},
	indicators: [
		{
			id: 'ind-a',
			code: 'a',
			text: 'Thành lập mới trên 100 HTX',
			targets: [{ value: 100, max: null, unit: 'HTX', comparator: 'gt' }],
			reportedValue: 64
		}
	]
};

const q = (raw: string, due: string | null, kind: 'quarter' | 'year' | 'recurring' | 'date' = 'quarter') => ({ raw, kind, due });

export function fixtureDoc(): { doc: Y.Doc; ids: Record<string, string> } {
	const doc = new Y.Doc();
	const { cardIds } = initBoardDoc(
		doc,
		{ title: context.title, planId: context.plan.id, appendix: context.appendix },
		[
			{ id: 's1', code: 'I', title: 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH' },
			{ id: 's2', code: 'II', title: 'HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ' }
		],
		[
			{
				id: 'c1',
				code: 'I.1',
				sectionId: 's1',
				title: 'Xây dựng kế hoạch kiểm tra',
				lead: [AG.stc],
				support: [AG.all],
				deadline: q('Quý II/2026', '2026-06-30')
			},
			{
				id: 'c2',
				code: 'I.2',
				sectionId: 's1',
				title: 'Tổng kết mô hình HTX kiểu mới',
				lead: [AG.snn],
				support: [AG.lm],
				deadline: q('Quý II/2026', '2026-06-30')
			},
			{
				id: 'c3',
				code: 'I.10',
				sectionId: 's1',
				title: 'Hội nghị sơ kết 6 tháng',
				lead: [AG.lm],
				support: [],
				deadline: q('Quý III/2026', '2026-09-30')
			},
			{
				id: 'c4',
				code: 'II.1',
				sectionId: 's2',
				title: 'Hỗ trợ tín dụng cho HTX',
				lead: [AG.snn, AG.stc],
				support: [AG.lm],
				deadline: q('Quý I/2026', '2026-03-31')
			},
			{
				id: 'c5',
				code: 'II.2',
				sectionId: 's2',
				title: 'Đào tạo cán bộ quản lý HTX',
				lead: [AG.lm],
				support: [],
				deadline: q('Năm 2026', '2026-12-31', 'year')
			},
			{
				id: 'c6',
				code: 'II.3',
				sectionId: 's2',
				title: 'Theo dõi, đôn đốc thường xuyên',
				lead: [AG.stc],
				support: [AG.all],
				deadline: q('Nhiệm vụ thường xuyên', null, 'recurring')
			}
		]
	);
	const ids = Object.fromEntries(cardIds.map((id) => [id, id]));
	const actor = (iso: string) => ({ userId: 'u-stc', now: new Date(iso) });
	// Done on 29/06 (Vietnam) — on time.
	setStatus(doc, 'c1', 'done', actor('2026-06-29T03:00:00Z'));
	setResult(doc, 'c1', 'Đã ban hành Kế hoạch kiểm tra số 45/KH-BCĐ.', actor('2026-06-29T03:00:00Z'));
	// 30/06 at 20:00 UTC is 01/07 03:00 in Vietnam — a day late.
	setStatus(doc, 'c2', 'done', actor('2026-06-30T20:00:00Z'));
	setStatus(doc, 'c5', 'blocked', actor('2026-05-10T03:00:00Z'));
	return { doc, ids };
}
