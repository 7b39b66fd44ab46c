/**
 * A Markdown plan: prose lines stay as they are (the plan parser already reads **bold**, <b> and
 * ### headings), and each GFM pipe table — a header line, then its alignment row (| --- | :-: |)
 * — becomes a table read by the same rules as a Word table. In a cell, `\|` is a pipe and <br>
 * breaks a line; a row may or may not start and end with a pipe. Every line written remembers
 * the line of the Markdown file it came from.
 */
import { note, type Note } from '../../../src/lib/core/api/notes.js';
import type { GridRow } from '../office/grid.js';
import { ownCell } from '../office/grid.js';
import type { OfficeSource } from '../office/source-builder.js';
import { TableEmitter } from '../office/table-emitter.js';

/** "| --- | :---: |", "---|---": the row under a GFM table's header. */
const ALIGNMENT_CELL = /^\s*:?-+:?\s*$/;
const BR = /<br\s*\/?>/gi;

/** True when the text holds at least one GFM pipe table. */
export function hasPipeTable(text: string): boolean {
	const lines = text.split(/\r\n?|\n/);
	return lines.some((line, i) => i > 0 && isAlignmentRow(line) && splitRow(lines[i - 1]).length === splitRow(line).length);
}

export function readMarkdown(text: string): OfficeSource {
	const out = new TableEmitter();
	const lines = text.split(/\r\n?|\n/);
	let tableNo = 0;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const next = lines[i + 1];
		const header = splitRow(line);
		if (next !== undefined && header.length >= 2 && isAlignmentRow(next) && splitRow(next).length === header.length) {
			tableNo++;
			const rows: GridRow[] = [gridRow(header, header.length, note('where_line', { line: i + 1 }))];
			let j = i + 2;
			for (; j < lines.length && isTableLine(lines[j]); j++)
				rows.push(gridRow(splitRow(lines[j]), header.length, note('where_line', { line: j + 1 })));
			out.table(rows, note('where_table_at_line', { table: tableNo, line: i + 1 }));
			i = j - 1;
			continue;
		}
		out.line(line, note('where_line', { line: i + 1 }));
	}
	return out.build();
}

/** A table goes on while its lines hold a pipe; a blank line or prose ends it. */
function isTableLine(line: string): boolean {
	return line.trim() !== '' && /(^|[^\\])\|/.test(line);
}

function isAlignmentRow(line: string): boolean {
	if (!line.includes('-') || !line.includes('|')) return false;
	const cells = splitRow(line);
	return cells.length >= 1 && cells.every((c) => ALIGNMENT_CELL.test(c));
}

/** The cells of a row: split at pipes that are not escaped, the outer pipes dropped. */
export function splitRow(line: string): string[] {
	let body = line.trim();
	if (!body.includes('|')) return [];
	if (body.startsWith('|')) body = body.slice(1);
	if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
	const cells: string[] = [];
	let cell = '';
	for (let k = 0; k < body.length; k++) {
		const ch = body[k];
		if (ch === '\\' && body[k + 1] === '|') {
			cell += '|';
			k++;
		} else if (ch === '|') {
			cells.push(cell);
			cell = '';
		} else cell += ch;
	}
	cells.push(cell);
	return cells.map((c) => c.trim());
}

/** A row fitted to the header's width (GFM drops extra cells and pads missing ones). */
function gridRow(cells: string[], width: number, label: Note): GridRow {
	const fitted = Array.from({ length: width }, (_, k) => cells[k] ?? '');
	return { cells: fitted.map((c) => ownCell(cellLines(c))), repeatsAsHeader: false, label };
}

/** A cell's lines: <br> breaks a line; emphasis marks and code ticks are decoration. */
function cellLines(cell: string): string[] {
	return cell
		.split(BR)
		.map((l) =>
			l
				.replace(/(\*\*|__)(.+?)\1/g, '$2')
				.replace(/(^|[^\w*])[*_]([^*_]+?)[*_](?=$|[^\w*])/g, '$1$2')
				.replace(/`([^`]*)`/g, '$1')
				.replace(/<\/?[a-zA-Z][^>]*>/g, '')
				.trim()
		)
		.filter(Boolean);
}
