/**
 * A table from a Word document or a spreadsheet, with its merged cells resolved: one cell per
 * grid column, each saying where its text came from. Both readers produce this; the rules that
 * turn it into plan rows (table-rows.ts) are shared.
 */

import type { Note } from '../../../src/lib/core/api/notes.js';

/** own: the cell's own text; spanned: covered by a cell to its left; merged-down: copied from the cell above. */
export type CellOrigin = 'own' | 'spanned' | 'merged-down';

export interface GridCell {
	/** The cell's paragraphs joined by spaces. */
	text: string;
	/** The cell's paragraphs, for tables that are only page layout. */
	lines: string[];
	origin: CellOrigin;
}

export interface GridRow {
	cells: GridCell[];
	/** Marked by the author as a header row that Word repeats on every page. */
	repeatsAsHeader: boolean;
	/** Where the row is, for messages: a note worded by the catalogue ("Bảng 2, hàng 5", "«Sheet1» hàng 12"). */
	label: Note;
}

/** Whitespace of any kind (tabs and line breaks included) becomes one space: a cell is one line. */
export function cellText(lines: string[]): string {
	return lines.join(' ').replace(/\s+/g, ' ').trim();
}

export function ownCell(lines: string[]): GridCell {
	return { text: cellText(lines), lines, origin: 'own' };
}

export const SPANNED: GridCell = { text: '', lines: [], origin: 'spanned' };
