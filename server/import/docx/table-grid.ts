/**
 * A Word table's rows laid on its grid: a cell spanning columns (gridSpan, or the older hMerge)
 * fills its first column and marks the rest as spanned; a vertically merged cell (vMerge) below
 * its first row repeats the text of the cell above, the way a reader of the page takes it.
 */
import { note } from '../../../src/lib/core/api/notes.js';
import { SPANNED, ownCell, type GridCell, type GridRow } from '../office/grid.js';
import type { RawRow } from './document-xml.js';

const EMPTY: GridCell = { text: '', lines: [], origin: 'own' };

/** `tableNo` counts the document's tables from 1; each row is labelled "Bảng 2, hàng 5". */
export function toGrid(rows: RawRow[], tableNo: number): GridRow[] {
	const grid: GridRow[] = [];
	let above: GridCell[] = [];
	rows.forEach((row, r) => {
		const cells: GridCell[] = Array.from({ length: row.gridBefore }, () => EMPTY);
		for (const cell of row.cells) {
			if (cell.hMerge === 'continue' && cells.length) {
				cells.push(SPANNED);
				continue;
			}
			const col = cells.length;
			if (cell.vMerge === 'continue') {
				const from = above[col];
				cells.push(from && from.text ? { text: from.text, lines: from.lines, origin: 'merged-down' } : ownCell(cell.paragraphs));
			} else {
				cells.push(ownCell(cell.paragraphs));
			}
			for (let k = 1; k < cell.span; k++) cells.push(SPANNED);
		}
		for (let k = 0; k < row.gridAfter; k++) cells.push(EMPTY);
		grid.push({ cells, repeatsAsHeader: row.header, label: note('where_table_row', { table: tableNo, row: r + 1 }) });
		above = cells;
	});
	return grid;
}
