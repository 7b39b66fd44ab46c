/**
 * An appendix kept as CSV or TSV (UTF-8, with or without BOM; comma, semicolon — what Excel
 * writes where the comma is the decimal mark — or tab). Fields may be quoted, with doubled quotes
 * and line breaks inside. Rows before the first table header (the appendix title) are paragraphs;
 * a run of rows under a header is a table read by the same rules as a Word or Excel table; a blank
 * row or a "Phụ lục" row ends it, so one file can hold several appendices.
 */
import { note } from '../../../src/lib/core/api/notes.js';
import { searchKey } from '../../../src/lib/core/text.js';
import { ownCell, type GridRow } from '../office/grid.js';
import type { OfficeSource } from '../office/source-builder.js';
import { matchHeader } from '../office/table-header.js';
import { TableEmitter } from '../office/table-emitter.js';

export type Delimiter = ',' | ';' | '\t';

/** Columns a plan's table can have; fields past this in a row are dropped. */
const MAX_FIELDS = 64;

export function readCsv(text: string, fileName = ''): OfficeSource {
	const delimiter = /\.tsv$/i.test(fileName) ? '\t' : detectDelimiter(text);
	const records = parseCsv(text, delimiter);
	const out = new TableEmitter();
	let table: GridRow[] = [];
	let tableNo = 0;
	let tableLine = 0;
	let inTable = false;
	const endTable = () => {
		if (table.length) out.table(table, note('where_table_at_line', { table: ++tableNo, line: tableLine }));
		table = [];
		inTable = false;
	};
	for (const record of records) {
		const filled = record.fields.filter((f) => f.trim());
		const label = note('where_line', { line: record.line });
		if (!filled.length) {
			endTable();
			continue;
		}
		if (filled.length === 1 && /^phu luc\b/.test(searchKey(filled[0]))) {
			endTable();
			out.paragraph(filled[0], label);
			continue;
		}
		// Before a header, a row of one cell is a title line; rows of several cells are looked at as a table.
		if (!inTable && filled.length === 1 && !table.length) {
			out.paragraph(filled[0], label);
			continue;
		}
		if (!inTable && matchHeader(record.fields.map((f) => f.replace(/\s+/g, ' ').trim()))) {
			endTable();
			inTable = true;
		}
		if (!table.length) tableLine = record.line;
		table.push({ cells: record.fields.map((f) => ownCell(f.split(/\r\n?|\n/))), repeatsAsHeader: false, label });
	}
	endTable();
	return out.build();
}

/** The delimiter used most outside quotes on the first lines: tab, semicolon or comma. */
export function detectDelimiter(text: string): Delimiter {
	const sample = text.slice(0, 64 * 1024);
	const count: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (const ch of sample) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) count[ch]++;
	}
	if (count['\t'] >= count[';'] && count['\t'] >= count[',']) return count['\t'] ? '\t' : ',';
	return count[';'] > count[','] ? ';' : ',';
}

export interface CsvRecord {
	/** 1-based line where the record starts. */
	line: number;
	fields: string[];
}

/** RFC 4180, leniently: a stray quote inside an unquoted field is kept as a character. */
export function parseCsv(text: string, delimiter: Delimiter): CsvRecord[] {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let line = 1;
	let start = 1;
	let quoted = false;
	let atFieldStart = true;
	const endField = () => {
		if (fields.length < MAX_FIELDS) fields.push(field);
		field = '';
		atFieldStart = true;
	};
	const endRecord = () => {
		endField();
		records.push({ line: start, fields });
		fields = [];
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n') line++;
				field += ch;
			}
			continue;
		}
		if (ch === '"' && atFieldStart) {
			quoted = true;
			atFieldStart = false;
		} else if (ch === delimiter) endField();
		else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			start = line;
		} else {
			field += ch;
			atFieldStart = false;
		}
	}
	if (field || fields.length || quoted) endRecord();
	return records;
}
