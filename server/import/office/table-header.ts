/**
 * Finding a table's header row by its column names. The text importer's own table finder decides
 * what a header is (appendix-tables.ts), so a Word or Excel table is recognised by exactly the
 * rules a text table is; this file only finds the row and the STT column, wherever they are.
 */
import { searchKey } from '../../../src/lib/core/text.js';
import { findTables, type AppendixTable } from '../appendix-tables.js';
import { Warnings } from '../warnings.js';
import type { GridRow } from './grid.js';

const STT = /^(stt|tt|so tt|so thu tu)\.?$/;

export interface HeaderMatch {
	kind: AppendixTable['kind'];
	/** The header's cells, STT first (the text form's order). */
	cells: string[];
	/** Grid column of the STT column, or null when the table has none. */
	sttColumn: number | null;
	/** Which text-form column holds what: the same layout means the same kind of table. */
	columnsKey: string;
	/** Text-form columns that name agencies (lead, support): one agency per line of a cell. */
	agencyColumns: number[];
}

export interface HeaderFound {
	/** First row of the header. */
	start: number;
	/** Rows it takes (a two-row header: "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"). */
	height: number;
	match: HeaderMatch;
}

/** Column order of the text form: STT first, the rest as they stand. -1 is an STT column the table lacks. */
export function textOrder(width: number, sttColumn: number | null): number[] {
	const rest = Array.from({ length: width }, (_, i) => i).filter((i) => i !== sttColumn);
	return [sttColumn ?? -1, ...rest];
}

/** Recognises header cells (any order); null when they are not a task or member table header. */
export function matchHeader(cells: string[]): HeaderMatch | null {
	const sttColumn = cells.findIndex((c) => STT.test(searchKey(c)));
	const stt = sttColumn < 0 ? null : sttColumn;
	const ordered = textOrder(cells.length, stt).map((i) => (i < 0 ? 'STT' : cells[i]));
	const table = findTables([{ no: 1, text: ordered.join('\t'), cells: ordered }], new Warnings())[0];
	if (!table) return null;
	const agencyColumns = table.kind === 'tasks' ? [table.columns.lead, table.columns.support].filter((c): c is number => c !== undefined) : [];
	return { kind: table.kind, cells: ordered, sttColumn: stt, columnsKey: `${table.kind}:${JSON.stringify(table.columns)}`, agencyColumns };
}

/**
 * The header within the first `searchRows` rows: one row, or up to three stacked rows read
 * column by column. Rows below that Word repeats as header rows, or whose STT cell is merged
 * down from the header, belong to it too.
 */
export function findHeader(rows: GridRow[], searchRows: number): HeaderFound | null {
	for (let start = 0; start < Math.min(searchRows, rows.length); start++) {
		// A title merged across the table ("PHỤ LỤC I …") sits above a header, never in one.
		if (isTitleRow(rows[start])) continue;
		for (let height = 1; height <= 3 && start + height <= rows.length; height++) {
			const match = matchHeader(stackedHeader(rows.slice(start, start + height)));
			// Stacked rows must keep an STT column of their own: that is what makes them one header.
			if (!match || (height > 1 && match.sttColumn === null)) continue;
			let h = height;
			while (start + h < rows.length && continuesHeader(rows[start + h], match)) {
				const longer = matchHeader(stackedHeader(rows.slice(start, start + h + 1)));
				if (!longer || longer.columnsKey !== match.columnsKey) break;
				h++;
			}
			return { start, height: h, match: h === height ? match : matchHeader(stackedHeader(rows.slice(start, start + h)))! };
		}
	}
	return null;
}

function isTitleRow(row: GridRow): boolean {
	const filled = row.cells.filter((c) => c.text);
	return filled.length === 1 && row.cells.length > 2 && row.cells.filter((c) => c.origin === 'spanned').length >= row.cells.length / 2;
}

function continuesHeader(row: GridRow, match: HeaderMatch): boolean {
	if (row.repeatsAsHeader) return true;
	return match.sttColumn !== null && row.cells[match.sttColumn]?.origin === 'merged-down';
}

/** Stacked header rows read per column, each distinct text once; a spanned cell reads its left neighbour. */
export function stackedHeader(rows: GridRow[]): string[] {
	const width = Math.max(0, ...rows.map((r) => r.cells.length));
	const out: string[] = [];
	for (let col = 0; col < width; col++) {
		const parts: string[] = [];
		for (const row of rows) {
			let text = row.cells[col]?.text ?? '';
			for (let left = col; !text && left > 0 && row.cells[left]?.origin === 'spanned'; left--) text = row.cells[left - 1]?.text ?? '';
			if (text && !parts.includes(text)) parts.push(text);
		}
		out.push(parts.join(' '));
	}
	return out;
}
