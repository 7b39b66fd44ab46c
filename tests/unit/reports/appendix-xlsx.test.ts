import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { summarizeDoc } from '../../../server/snapshots/summarize.js';
import { appendixWorkbook, APPENDIX_COLUMNS, HEADER_ROW, ID_COLUMN } from '../../../server/reports/appendix-xlsx.js';
import { context, fixtureDoc } from './fixture-board.js';

async function readBack() {
	const summary = summarizeDoc(fixtureDoc().doc, context, '2026-10-01');
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await appendixWorkbook(summary)) as unknown as ArrayBuffer);
	return { summary, ws: wb.worksheets[0] };
}

const text = (ws: ExcelJS.Worksheet, row: number, col: number) => {
	const v = ws.getRow(row).getCell(col).value;
	return v === null || v === undefined ? '' : String(v);
};

describe('appendix workbook (export.xlsx)', () => {
	it('prints on A4 landscape, one page wide, repeating the header row on every page', async () => {
		const { ws } = await readBack();
		expect(ws.pageSetup.paperSize).toBe(9);
		expect(ws.pageSetup.orientation).toBe('landscape');
		expect(ws.pageSetup.fitToWidth).toBe(1);
		expect(ws.pageSetup.printTitlesRow).toBe(`${HEADER_ROW}:${HEADER_ROW}`);
	});

	it('has the plan columns then the reporting columns, in Times New Roman with wrapped text', async () => {
		const { ws } = await readBack();
		const headers = APPENDIX_COLUMNS.map((_, i) => text(ws, HEADER_ROW, i + 1));
		expect(headers.slice(0, 5)).toEqual(['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']);
		expect(headers).toContain('Kết quả thực hiện');
		const cell = ws.getRow(HEADER_ROW + 2).getCell(2);
		expect(cell.font?.name).toBe('Times New Roman');
		expect(cell.alignment?.wrapText).toBe(true);
		expect(ws.getColumn(2).width).toBeGreaterThan(40);
	});

	it('hides the card-id column and fills it on every task row', async () => {
		const { ws, summary } = await readBack();
		expect(ws.getColumn(ID_COLUMN).hidden).toBe(true);
		const ids: string[] = [];
		ws.eachRow((row, n) => {
			const v = String(row.getCell(ID_COLUMN).value ?? '');
			if (n > HEADER_ROW && v.startsWith('card:')) ids.push(v.slice(5));
		});
		expect(ids).toEqual(summary.cards.map((c) => c.id));
	});

	it('keeps the section rows, each followed by its tasks', async () => {
		const { ws } = await readBack();
		const firstRows = [HEADER_ROW + 1, HEADER_ROW + 2, HEADER_ROW + 5].map((r) => [text(ws, r, 1), text(ws, r, 2).slice(0, 20)]);
		expect(firstRows).toEqual([
			['I', 'CÔNG TÁC CHỈ ĐẠO, ĐI'],
			['1', 'Xây dựng kế hoạch ki'],
			['II', 'HỖ TRỢ PHÁT TRIỂN HỢ']
		]);
		expect(text(ws, HEADER_ROW + 1, ID_COLUMN)).toBe('section:s1');
	});

	it('writes status, progress, category and result in words a report reader expects', async () => {
		const { ws } = await readBack();
		const row = HEADER_ROW + 3; // I.2: due 30/06, done 01/07
		expect([text(ws, row, 3), text(ws, row, 4), text(ws, row, 5)]).toEqual([
			'Sở Nông nghiệp và Môi trường',
			'Liên minh Hợp tác xã thành phố',
			'Quý II/2026'
		]);
		expect([text(ws, row, 6), text(ws, row, 7), text(ws, row, 8)]).toEqual(['Hoàn thành', '100', 'Hoàn thành quá hạn']);
		expect(text(ws, HEADER_ROW + 2, 9)).toBe('Đã ban hành Kế hoạch kiểm tra số 45/KH-BCĐ.');
	});
});
