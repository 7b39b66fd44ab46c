/**
 * Reading a workbook that an agency sent back (the board's XLSX export, filled in). Runs in the
 * parse worker: it only turns the file into plain cell values; matching rows to cards happens on
 * the main thread, against the live board.
 */
import { refusals } from '../import/import-refusal.js';
import { detectSourceKind } from '../import/source-kind.js';
import { readWorkbook, type CellValue } from '../import/xlsx/read-workbook.js';

export interface ReturnedSheet {
	name: string;
	hiddenColumns: number[];
	/** Row by row, 0-based; the sheet's row number is the index + 1. */
	rows: CellValue[][];
}

export interface ReturnedWorkbook {
	sheets: ReturnedSheet[];
}

export async function readReturnedWorkbook(bytes: Uint8Array): Promise<ReturnedWorkbook> {
	if (detectSourceKind(bytes, 'tra-ve.xlsx') !== 'xlsx') {
		throw refusals.unsupported('returned');
	}
	const sheets = await readWorkbook(bytes);
	return { sheets: sheets.map((s) => ({ name: s.name, hiddenColumns: [...s.hiddenColumns], rows: s.values })) };
}
