/**
 * A table given as rows of cells with column and row spans (HTML's colspan/rowspan, a PDF's
 * ruled cells) laid on its grid, the way Word's merged cells are (docx/table-grid.ts): a cell
 * spanning columns fills its first column and marks the rest as spanned; below its first row a
 * cell spanning rows reads as merged down from the cell above.
 */
import type { Note } from '../../../src/lib/core/api/notes.js';
import { SPANNED, ownCell, type GridCell, type GridRow } from './grid.js';

export interface SpanCell {
	lines: string[];
	colspan: number;
	rowspan: number;
}

export interface SpanRow {
	cells: SpanCell[];
	/** A header row (HTML's <thead> or <th> only): repeated at the top of each printed page. */
	header: boolean;
	label: Note;
}

/** Spans larger than this are layout tricks or hostile input, not a plan's table. */
const MAX_SPAN = 1000;
/** Columns a plan's table can have; a wider row is cut there. */
const MAX_COLUMNS = 64;

export function spanGrid(rows: SpanRow[]): GridRow[] {
	// Cells still covering later rows: column → the cell and the rows it still covers.
	const pending = new Map<number, { cell: GridCell; left: number }>();
	const out: GridRow[] = [];
	for (const row of rows) {
		const cells: GridCell[] = [];
		const place = (col: number, cell: GridCell) => {
			cells[col] = cell;
		};
		let col = 0;
		const skipCovered = () => {
			while (col < MAX_COLUMNS && pending.has(col)) {
				const p = pending.get(col)!;
				place(col, p.cell.text ? { text: p.cell.text, lines: p.cell.lines, origin: 'merged-down' } : SPANNED);
				if (--p.left <= 0) pending.delete(col);
				col++;
			}
		};
		for (const cell of row.cells) {
			skipCovered();
			if (col >= MAX_COLUMNS) break;
			const own = ownCell(cell.lines);
			const colspan = clamp(cell.colspan);
			const rowspan = clamp(cell.rowspan);
			for (let k = 0; k < colspan && col + k < MAX_COLUMNS; k++) {
				place(col + k, k === 0 ? own : SPANNED);
				if (rowspan > 1) pending.set(col + k, { cell: k === 0 ? own : SPANNED, left: rowspan - 1 });
			}
			col += colspan;
		}
		// Cells spanning down into columns right of this row's last cell.
		for (const c of [...pending.keys()].sort((a, b) => a - b)) {
			if (c < col || cells[c] !== undefined) continue;
			col = c;
			skipCovered();
		}
		const filled = Array.from({ length: cells.length }, (_, i) => cells[i] ?? ownCell([]));
		out.push({ cells: filled, repeatsAsHeader: row.header, label: row.label });
	}
	return out;
}

function clamp(span: number): number {
	return Number.isFinite(span) && span >= 1 ? Math.min(MAX_SPAN, Math.floor(span)) : 1;
}
