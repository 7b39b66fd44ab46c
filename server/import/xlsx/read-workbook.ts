/**
 * An Excel workbook (.xlsx) read into grids, one per visible sheet. The zip is opened with the
 * same limits as a Word file and handed to the spreadsheet library only as the parts that passed
 * them. A merged cell's text stands in its top-left cell; below it (merged down) the text is
 * repeated, to its right (merged across) the cells are spanned, as in a Word table.
 */
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { note } from '../../../src/lib/core/api/notes.js';
import { refusals } from '../import-refusal.js';
import { SPANNED, ownCell, type GridCell, type GridRow } from '../office/grid.js';
import { readEntries, type ZipLimits } from '../office/zip-entries.js';

export interface SheetGrid {
	name: string;
	rows: GridRow[];
	/** 0-based grid columns the author hid. */
	hiddenColumns: Set<number>;
	/** The raw values, for readers that need numbers as numbers (progress as 0.5 or 50). */
	values: CellValue[][];
}

export interface CellValue {
	text: string;
	number: number | null;
	percent: boolean;
}

/** A spreadsheet is handed whole to the library, so its parts are held to tighter limits than a Word file. */
const XLSX_ZIP_LIMITS: ZipLimits = {
	maxEntries: 5000,
	maxEntryBytes: 96 * 1024 * 1024,
	maxTotalBytes: 160 * 1024 * 1024,
	maxRatio: 200
};
/** A plan's appendix or an export of one board is a few hundred rows; these caps are far above it. */
const MAX_ROWS = 20_000;
const MAX_COLUMNS = 60;

export async function readWorkbook(bytes: Uint8Array): Promise<SheetGrid[]> {
	const parts = readEntries(bytes, () => true, 'Excel', XLSX_ZIP_LIMITS);
	const checked = zipSync(Object.fromEntries(parts), { level: 0 });
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) as never);
	} catch {
		throw refusals.corrupt('Excel');
	}
	return workbook.worksheets.filter((ws) => ws.state === 'visible').map(readSheet);
}

function readSheet(ws: ExcelJS.Worksheet): SheetGrid {
	const rowCount = Math.min(ws.rowCount, MAX_ROWS);
	const width = Math.min(ws.columnCount, MAX_COLUMNS);
	const rows: GridRow[] = [];
	const values: CellValue[][] = [];
	for (let r = 1; r <= rowCount; r++) {
		const row = ws.getRow(r);
		const cells: GridCell[] = [];
		const rowValues: CellValue[] = [];
		for (let c = 1; c <= width; c++) {
			const cell = row.getCell(c);
			const merged = cell.type === ExcelJS.ValueType.Merge && cell.master.address !== cell.address;
			const value = readValue(merged ? cell.master : cell);
			if (merged && cell.master.col !== cell.col) {
				cells.push(SPANNED);
				rowValues.push(EMPTY_VALUE);
			} else if (merged) {
				cells.push({ ...ownCell(value.text.split('\n')), origin: 'merged-down' });
				rowValues.push(value);
			} else {
				cells.push(ownCell(value.text.split('\n')));
				rowValues.push(value);
			}
		}
		rows.push({ cells, repeatsAsHeader: false, label: note('where_sheet_row', { sheet: ws.name, row: r }) });
		values.push(rowValues);
	}
	const hiddenColumns = new Set<number>();
	for (let c = 1; c <= width; c++) if (ws.getColumn(c).hidden) hiddenColumns.add(c - 1);
	return { name: ws.name, rows, hiddenColumns, values };
}

const EMPTY_VALUE: CellValue = { text: '', number: null, percent: false };

function readValue(cell: ExcelJS.Cell): CellValue {
	const percent = /%/.test(cell.numFmt ?? '');
	const v = unwrap(cell.value);
	if (v === null || v === undefined) return EMPTY_VALUE;
	if (typeof v === 'number') return { text: percent ? `${round(v * 100)}%` : String(round(v)), number: v, percent };
	if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', number: null, percent: false };
	if (v instanceof Date) return { text: vietnameseDate(v), number: null, percent: false };
	return { text: String(v).normalize('NFC'), number: null, percent: false };
}

/** Rich text, formulas and links down to the value a reader sees. */
function unwrap(value: ExcelJS.CellValue): string | number | boolean | Date | null | undefined {
	if (value === null || value === undefined) return value;
	if (typeof value !== 'object' || value instanceof Date) return value;
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('result' in value) return unwrap(value.result as ExcelJS.CellValue);
	if ('text' in value) return unwrap(value.text as ExcelJS.CellValue);
	if ('error' in value) return '';
	return '';
}

function round(n: number): number {
	return Math.round(n * 1e6) / 1e6;
}

/** Dates as a Vietnamese reader writes them: dd/mm/yyyy (Excel stores them as UTC midnight). */
function vietnameseDate(d: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
