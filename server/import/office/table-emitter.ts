/**
 * Writes a document read as paragraphs and tables (Word, HTML, Markdown, CSV, PDF) into the text
 * form: a table is recognised by its header row (table-header.ts) and its rows are made plan rows
 * (table-rows.ts). A table without a header that follows one with the same columns continues it
 * (Word splits long tables, a PDF has one per page, a header repeated on each page is written once).
 * Tables that are only page layout (the letterhead, the signature block) are read as paragraphs.
 */
import type { Note } from '../../../src/lib/core/api/notes.js';
import { searchKey } from '../../../src/lib/core/text.js';
import type { GridRow } from './grid.js';
import { SourceBuilder, type OfficeSource } from './source-builder.js';
import { findHeader, textOrder, type HeaderMatch } from './table-header.js';
import { readRows } from './table-rows.js';

/** A table's header sits in its first rows (a title row may come first). */
const HEADER_SEARCH_ROWS = 4;

/** The data table that a following table without a header continues. */
interface OpenTable {
	match: HeaderMatch;
	width: number;
}

export class TableEmitter {
	readonly out = new SourceBuilder();
	private open: OpenTable | null = null;

	/** A paragraph; a "Phụ lục" heading starts a new table even when the columns are the same. */
	paragraph(text: string, label?: Note): void {
		if (/^phu luc\b/.test(searchKey(text))) this.open = null;
		this.out.paragraph(text, label);
	}

	/** A line of a text document, kept as it stands (Markdown prose around its tables). */
	line(text: string, label?: Note): void {
		if (/^phu luc\b/.test(searchKey(text))) this.open = null;
		this.out.line(text, label);
	}

	/** `name` says where the table is in messages ("Bảng 2", "Trang 3, bảng 1"). */
	table(grid: GridRow[], name: Note, headerSearchRows = HEADER_SEARCH_ROWS): void {
		const width = Math.max(0, ...grid.map((r) => r.cells.length));
		const found = findHeader(grid, headerSearchRows);
		const open = this.open;
		if (found) {
			for (const row of grid.slice(0, found.start)) this.layoutRow(row);
			const continues = open !== null && open.match.columnsKey === found.match.columnsKey && open.width === width;
			// The same columns again in the same appendix: one table split in several, its header written once.
			if (!continues) this.out.row(found.match.cells, grid[found.start].label);
			this.open = continues ? open : { match: found.match, width };
			this.rows(grid.slice(found.start + found.height), found.match, width);
		} else if (open && width === open.width && grid.length) {
			this.rows(grid, open.match, width);
		} else {
			if (looksLikeData(grid)) {
				this.out.unrecognisedTables++;
				this.out.note('source_table_no_header', { table: name });
			}
			for (const row of grid) this.layoutRow(row);
		}
	}

	/** Text written since the last table that does not belong to it ends it. */
	closeTable(): void {
		this.open = null;
	}

	build(): OfficeSource {
		return this.out.build();
	}

	private rows(rows: GridRow[], match: HeaderMatch, width: number): void {
		const layout = { order: textOrder(width, match.sttColumn), match };
		for (const row of readRows(rows, layout)) this.out.row(row.cells, row.label);
	}

	/** A layout table's cells are read as paragraphs, row by row, left to right. */
	private layoutRow(row: GridRow): void {
		for (const cell of row.cells) {
			if (cell.origin !== 'own') continue;
			for (const line of cell.lines) this.out.paragraph(line);
		}
	}
}

/** Three or more columns and rows numbered in the first column: a data table, not page layout. */
function looksLikeData(grid: GridRow[]): boolean {
	const numbered = grid.filter((r) => r.cells.length >= 3 && /^\d{1,3}\.?$/.test(r.cells[0]?.text ?? '')).length;
	return numbered >= 2;
}
