/** Excel workbooks for the tests, written with exceljs (the library the board export uses). */
import ExcelJS from 'exceljs';

export type Cell = string | number | Date | null;

export interface SheetSpec {
	name?: string;
	rows: Cell[][];
	/** [top, left, bottom, right], 1-based. */
	merges?: Array<[number, number, number, number]>;
	/** 1-based columns to hide. */
	hidden?: number[];
	/** 1-based column → number format ("0%"). */
	formats?: Record<number, string>;
	state?: 'visible' | 'hidden';
}

export async function workbookBytes(sheets: SheetSpec[]): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	sheets.forEach((spec, i) => {
		const ws = wb.addWorksheet(spec.name ?? `Sheet${i + 1}`, { state: spec.state ?? 'visible' });
		spec.rows.forEach((cells, r) => {
			cells.forEach((value, c) => {
				if (value !== null) ws.getCell(r + 1, c + 1).value = value;
				const fmt = spec.formats?.[c + 1];
				if (fmt) ws.getCell(r + 1, c + 1).numFmt = fmt;
			});
		});
		for (const [t, l, b, rr] of spec.merges ?? []) ws.mergeCells(t, l, b, rr);
		for (const col of spec.hidden ?? []) ws.getColumn(col).hidden = true;
	});
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
