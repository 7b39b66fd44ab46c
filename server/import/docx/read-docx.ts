/**
 * A Word plan (.docx) as the text form the plan parser reads. Paragraphs stay paragraphs (the
 * parser finds the header, targets, reports and prose duties in them); tables are read from
 * their real structure, merged cells resolved, and written as tab-separated rows. Tables that
 * are only page layout (the letterhead, the signature block) are read as paragraphs.
 */
import { searchKey } from '../../../src/lib/core/text.js';
import { refusals } from '../import-refusal.js';
import { readEntries } from '../office/zip-entries.js';
import type { GridRow } from '../office/grid.js';
import { SourceBuilder, type OfficeSource } from '../office/source-builder.js';
import { findHeader, textOrder, type HeaderMatch } from '../office/table-header.js';
import { readRows } from '../office/table-rows.js';
import { parseDocumentXml, type DocBlock } from './document-xml.js';
import { ListNumbering } from './list-numbering.js';
import { toGrid } from './table-grid.js';

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
const STYLES = 'word/styles.xml';
const PARTS = new Set([DOCUMENT, NUMBERING, STYLES]);
/** A table's header sits in its first rows (a title row may come first). */
const HEADER_SEARCH_ROWS = 4;

export function readDocx(bytes: Uint8Array): OfficeSource {
	const parts = readEntries(bytes, (name) => PARTS.has(name), 'Word');
	const xml = parts.get(DOCUMENT);
	if (!xml) throw refusals.corrupt('Word');
	return docxSource(parseDocumentXml(xml, new ListNumbering(parts.get(NUMBERING), parts.get(STYLES))));
}

/** The data table that a following table without a header continues (Word splits long tables). */
interface OpenTable {
	match: HeaderMatch;
	width: number;
}

export function docxSource(blocks: DocBlock[]): OfficeSource {
	const out = new SourceBuilder();
	let open: OpenTable | null = null;
	let tableNo = 0;
	for (const block of blocks) {
		if (block.kind === 'paragraph') {
			// A new appendix starts a new table even when the columns are the same.
			if (/^phu luc\b/.test(searchKey(block.text))) open = null;
			out.paragraph(block.text);
			continue;
		}
		tableNo++;
		const grid = toGrid(block.rows, `Bảng ${tableNo}`);
		const width = Math.max(0, ...grid.map((r) => r.cells.length));
		const found = findHeader(grid, HEADER_SEARCH_ROWS);
		if (found) {
			for (const row of grid.slice(0, found.start)) layoutRow(out, row);
			const continues: boolean = open !== null && open.match.columnsKey === found.match.columnsKey && open.width === width;
			// The same columns again in the same appendix: one table split in several, its header written once.
			if (!continues) out.row(found.match.cells, grid[found.start].label);
			open = continues && open ? open : { match: found.match, width };
			emitRows(out, grid.slice(found.start + found.height), found.match, width);
		} else if (open && width === open.width && grid.length) {
			emitRows(out, grid, open.match, width);
		} else {
			if (looksLikeData(grid)) {
				out.unrecognisedTables++;
				out.note(`Bảng ${tableNo}: không nhận ra hàng tiêu đề (cần các cột như «STT», «Nhiệm vụ», «Cơ quan chủ trì»); đọc như văn bản thường`);
			}
			for (const row of grid) layoutRow(out, row);
		}
	}
	return out.build();
}

function emitRows(out: SourceBuilder, rows: GridRow[], match: HeaderMatch, width: number): void {
	const layout = { order: textOrder(width, match.sttColumn), match };
	for (const row of readRows(rows, layout)) out.row(row.cells, row.label);
}

/** A layout table's cells are read as paragraphs, row by row, left to right. */
function layoutRow(out: SourceBuilder, row: GridRow): void {
	for (const cell of row.cells) {
		if (cell.origin !== 'own') continue;
		for (const line of cell.lines) out.paragraph(line);
	}
}

/** Three or more columns and rows numbered in the first column: a data table, not page layout. */
function looksLikeData(grid: GridRow[]): boolean {
	const numbered = grid.filter((r) => r.cells.length >= 3 && /^\d{1,3}\.?$/.test(r.cells[0]?.text ?? '')).length;
	return numbered >= 2;
}
