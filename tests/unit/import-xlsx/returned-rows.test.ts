import { describe, expect, it } from 'vitest';
import { readReturnedWorkbook } from '../../../server/roundtrip/read-returned.js';
import { readReturnedRows } from '../../../server/roundtrip/returned-rows.js';
import { workbookBytes, type Cell, type SheetSpec } from './workbook-builder.js';

const CARDS = new Set(['card00000001', 'card00000002', 'card00000003']);
const HEADER: Cell[] = ['STT', 'Nhiệm vụ', 'Trạng thái', 'Tiến độ (%)', 'Kết quả thực hiện', 'Mã thẻ'];

async function read(spec: SheetSpec) {
	return readReturnedRows(await readReturnedWorkbook(await workbookBytes([spec])), CARDS);
}

const rowsOf = async (spec: SheetSpec) => {
	const result = await read(spec);
	if (!result.ok) throw new Error(result.detail);
	return result.rows.map(({ cardId, status, progress, result: r, problems }) => ({ cardId, status, progress, result: r, problems }));
};

describe('a workbook returned by an agency', () => {
	it('finds its rows by the hidden card-id column of the export, and its columns by their headers', async () => {
		const rows = await rowsOf({
			rows: [
				['PHỤ LỤC I'],
				[],
				HEADER,
				['I', 'Chỉ đạo', null, null, null, 'section:s1'],
				[1, 'Việc một', 'Hoàn thành', 100, 'Đã ban hành quy chế', 'card:card00000001'],
				[2, 'Việc hai', 'Đang thực hiện', 40, null, 'card:card00000002']
			],
			hidden: [6]
		});
		expect(rows).toEqual([
			{ cardId: 'card00000001', status: 'done', progress: 100, result: 'Đã ban hành quy chế', problems: [] },
			{ cardId: 'card00000002', status: 'doing', progress: 40, result: null, problems: [] }
		]);
	});

	it('finds bare card ids in any column when the id column was unhidden or moved', async () => {
		const rows = await rowsOf({
			rows: [
				['Mã', 'Nhiệm vụ', 'Trạng thái'],
				['card00000003', 'Việc ba', 'Vướng mắc']
			]
		});
		expect(rows).toEqual([{ cardId: 'card00000003', status: 'blocked', progress: null, result: null, problems: [] }]);
	});

	it('reads statuses typed without diacritics or as codes, and progress as 50, "50%", or 0.5 formatted as a percentage', async () => {
		const rows = await rowsOf({
			rows: [
				HEADER,
				[1, 'a', 'chua trien khai', '50%', null, 'card00000001'],
				[2, 'b', 'done', 0.5, null, 'card00000002'],
				[3, 'c', 'VƯỚNG MẮC', '12,4', null, 'card00000003']
			],
			formats: { 4: '0%' }
		});
		expect(rows.map((r) => [r.status, r.progress])).toEqual([
			['todo', 50],
			['done', 50],
			['blocked', 12]
		]);
	});

	it('blank cells leave the card as it is; unreadable cells are reported, not guessed', async () => {
		const rows = await rowsOf({ rows: [HEADER, [1, 'a', null, null, null, 'card00000001'], [2, 'b', 'Sắp xong', 150, null, 'card00000002']] });
		expect(rows).toEqual([
			{ cardId: 'card00000001', status: null, progress: null, result: null, problems: [] },
			{
				cardId: 'card00000002',
				status: null,
				progress: null,
				result: null,
				problems: [
					{ code: 'returned_bad_status', params: { value: 'Sắp xong' } },
					{ code: 'returned_bad_progress', params: { value: '150' } }
				]
			}
		]);
	});

	it('says so (detail card_ids) when no column holds the card ids of the board', async () => {
		expect(await read({ rows: [HEADER, [1, 'a', 'Hoàn thành', 100, null, 'card:khac']] })).toEqual({
			ok: false,
			detail: 'card_ids'
		});
	});

	it('"Tiến độ hoàn thành" (a deadline column in plans) is not taken for progress', async () => {
		const rows = await rowsOf({
			rows: [
				['STT', 'Trạng thái', 'Tiến độ hoàn thành', 'Mã thẻ'],
				[1, 'Hoàn thành', 'Quý II/2026', 'card00000001']
			]
		});
		expect(rows[0]).toMatchObject({ status: 'done', progress: null, problems: [] });
	});
});
