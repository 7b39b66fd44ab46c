/**
 * The rows of a recognised table, made into the rows the text importer reads (STT first, one
 * line per row). Layout that only exists in Word or Excel is undone here: numbered column rows,
 * header rows repeated inside the table, a section title merged across the row, and a task
 * whose STT cell is merged over several rows (its later rows add to it).
 */
import type { Note } from '../../../src/lib/core/api/notes.js';
import { searchKey } from '../../../src/lib/core/text.js';
import type { GridCell, GridRow } from './grid.js';
import { matchHeader, stackedHeader, type HeaderMatch } from './table-header.js';

export interface TextRow {
	cells: string[];
	label: Note;
}

/** How the grid maps onto the text form's columns. */
export interface ColumnLayout {
	/** Grid column for each text column; -1 for an STT column the table lacks. */
	order: number[];
	match: HeaderMatch;
}

/** "(1)", "1", "(a)": the row of column numbers printed under many headers. */
const COLUMN_NUMBER = /^\(?([0-9]{1,2}|[a-z])\)?$/i;
/** A section title written in one merged cell: "I. CÔNG TÁC TUYÊN TRUYỀN", "II - Chính sách". */
const SECTION_IN_ONE_CELL = /^([IVXL]+)\s*[.:)–-]\s*(.+)$/;
/** Joins the parts of a task spread over rows whose STT cell is merged. */
const JOIN = '; ';

export function readRows(rows: GridRow[], layout: ColumnLayout): TextRow[] {
	const out: TextRow[] = [];
	const headerKey = rowKey(layout.match.cells);
	const stt = layout.order[0];
	for (const row of rows) {
		const texts = row.cells.map((c) => c.text);
		const own = row.cells.filter((c) => c.origin === 'own' && c.text);
		// A row with nothing of its own (empty, or only cells merged from above) adds nothing.
		if (!own.length) continue;
		if (isColumnNumbers(texts)) continue;
		const asHeader = matchHeader(stackedHeader([row]));
		if (asHeader && rowKey(asHeader.cells) === headerKey) continue;

		const section = sectionRow(row, layout);
		if (section) {
			out.push({ cells: section, label: row.label });
			continue;
		}
		const cells = layout.order.map((i, col) => (i < 0 ? '' : textOf(row.cells[i], layout.match.agencyColumns.includes(col))));
		const previous = out[out.length - 1];
		if (stt >= 0 && row.cells[stt]?.origin === 'merged-down' && previous) {
			// Same task: add what this row says of its own; merged cells repeat what is already there.
			layout.order.forEach((i, col) => {
				const cell = i < 0 ? undefined : row.cells[i];
				const text = cell?.origin === 'own' ? textOf(cell, layout.match.agencyColumns.includes(col)) : '';
				if (text) previous.cells[col] = previous.cells[col] ? `${previous.cells[col]}${JOIN}${text}` : text;
			});
			continue;
		}
		out.push({ cells, label: row.label });
	}
	return out;
}

/** A section row in text form: Roman numeral, title, empty cells. Null when the row is not one. */
function sectionRow(row: GridRow, layout: ColumnLayout): string[] | null {
	const width = layout.order.length;
	const own = row.cells.filter((c) => c.origin === 'own' && c.text);
	const empty = () => Array.from({ length: width }, () => '');
	if (own.length === 1) {
		const m = own[0].text.match(SECTION_IN_ONE_CELL);
		if (m && spansRow(row)) {
			const cells = empty();
			cells[0] = m[1];
			cells[1] = m[2].trim();
			return cells;
		}
	}
	if (own.length === 2 && /^[IVXL]+\.?$/.test(own[0].text) && layout.order[0] >= 0 && row.cells[layout.order[0]] === own[0]) {
		const cells = empty();
		cells[0] = own[0].text.replace(/\.$/, '');
		cells[1] = own[1].text;
		return cells;
	}
	return null;
}

/** The single text of the row covers most of it (merged across, or the other cells are empty). */
function spansRow(row: GridRow): boolean {
	return row.cells.filter((c) => c.origin === 'spanned' || !c.text).length >= row.cells.length - 1;
}

/**
 * A cell as one line. In the lead and support columns each line names an agency ("Sở Tài chính"
 * over "Sở Nội vụ"), so lines are kept apart with ";" (which splits agencies); elsewhere a line
 * break is only layout.
 */
function textOf(cell: GridCell | undefined, namesAgencies: boolean): string {
	if (!cell) return '';
	if (!namesAgencies) return cell.text;
	return cell.lines
		.flatMap((l) => l.split('\n'))
		.map((l) => l.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join(JOIN);
}

function isColumnNumbers(texts: string[]): boolean {
	const filled = texts.filter(Boolean);
	return filled.length >= 3 && filled.every((t) => COLUMN_NUMBER.test(t));
}

function rowKey(cells: string[]): string {
	return cells.map(searchKey).join('\t');
}
