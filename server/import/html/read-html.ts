/**
 * A plan, or its appendix, as HTML: a page saved from Word, or a table pasted into an e-mail.
 * Block elements are paragraphs (a <br> breaks a line); tables are read with their colspan and
 * rowspan resolved, a header row in <thead> or of <th> cells, and go through the same table
 * rules as Word's. A table inside a cell is that cell's text. Scripts, styles and the document
 * title are not the plan. The parser (htmlparser2) is a tolerant tokenizer: broken markup gives
 * text, never an error.
 */
import { Parser } from 'htmlparser2';
import { note } from '../../../src/lib/core/api/notes.js';
import type { OfficeSource } from '../office/source-builder.js';
import { spanGrid, type SpanCell, type SpanRow } from '../office/span-grid.js';
import { TableEmitter } from '../office/table-emitter.js';

/** Elements whose content is not text of the document. */
const HIDDEN = new Set(['script', 'style', 'title', 'template', 'noscript', 'object', 'svg', 'math', 'xml', 'iframe', 'select']);
/** Elements that end a paragraph (or a line inside a cell). */
const BLOCK = new Set([
	'p',
	'div',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'li',
	'ul',
	'ol',
	'dl',
	'dt',
	'dd',
	'blockquote',
	'pre',
	'section',
	'article',
	'header',
	'footer',
	'aside',
	'nav',
	'main',
	'center',
	'address',
	'figure',
	'figcaption',
	'caption',
	'hr',
	'body',
	'html',
	'form',
	'fieldset',
	'legend'
]);

interface OpenTable {
	rows: SpanRow[];
	row: SpanRow | null;
	cell: (SpanCell & { th: boolean }) | null;
	/** Inside <thead>. */
	head: boolean;
	/** Every cell of the current row is <th>. */
	allTh: boolean;
	no: number;
}

export function readHtml(html: string): OfficeSource {
	const out = new TableEmitter();
	// A text plan with a table pasted in as HTML: outside the table its line breaks are breaks.
	const lineBreaks = !/<(html|body|p|div|br|h[1-6]|li)[\s>/]/i.test(html);
	const tables: OpenTable[] = [];
	let hidden = 0;
	let text = '';
	let tableNo = 0;
	/** Lines of the paragraph being read (a <br> ends a line, not the paragraph). */
	let paragraph: string[] = [];

	/** Ends the current line: a line of the open paragraph, or of the open cell. */
	const breakLine = () => {
		const line = text.replace(/\s+/g, ' ').trim();
		text = '';
		if (!line) return;
		const cell = tables[0]?.cell;
		if (tables.length && cell) cell.lines.push(line);
		else if (!tables.length) paragraph.push(line);
		// Text inside a table but outside any cell is dropped, as browsers move it out of view.
	};
	/** Ends the paragraph (outside tables) or the line (in a cell). */
	const flush = () => {
		breakLine();
		if (paragraph.length) out.paragraph(paragraph.join('\n'));
		paragraph = [];
	};
	const current = () => tables[tables.length - 1];
	const endCell = (t: OpenTable) => {
		if (!t.cell) return;
		if (tables.length === 1) flush();
		t.row?.cells.push(t.cell);
		if (!t.cell.th) t.allTh = false;
		t.cell = null;
	};
	const endRow = (t: OpenTable) => {
		endCell(t);
		if (t.row && t.row.cells.length) {
			t.row.header = t.head || t.allTh;
			t.rows.push(t.row);
		}
		t.row = null;
	};

	const parser = new Parser(
		{
			onopentag(name, attribs) {
				if (hidden || HIDDEN.has(name)) {
					if (!VOID.has(name)) hidden++;
					return;
				}
				const t = current();
				if (name === 'table') {
					// A table inside a cell is part of that cell: its rows are lines of the cell.
					if (t) {
						if (tables.length === 1) flush();
						tables.push({ rows: [], row: null, cell: null, head: false, allTh: true, no: 0 });
						return;
					}
					flush();
					tables.push({ rows: [], row: null, cell: null, head: false, allTh: true, no: ++tableNo });
					return;
				}
				if (t && tables.length === 1) {
					if (name === 'thead') t.head = true;
					else if (name === 'tbody' || name === 'tfoot') {
						endRow(t);
						t.head = false;
					} else if (name === 'tr') {
						endRow(t);
						t.row = { cells: [], header: false, label: note('where_table_row', { table: t.no, row: t.rows.length + 1 }) };
						t.allTh = true;
					} else if (name === 'td' || name === 'th') {
						endCell(t);
						if (!t.row) {
							t.row = { cells: [], header: false, label: note('where_table_row', { table: t.no, row: t.rows.length + 1 }) };
							t.allTh = true;
						}
						t.cell = { lines: [], colspan: Number(attribs.colspan ?? 1), rowspan: Number(attribs.rowspan ?? 1), th: name === 'th' };
					} else if (name === 'br' || BLOCK.has(name)) flush();
					return;
				}
				if (name === 'br') breakLine();
				else if (BLOCK.has(name) || (t && (name === 'tr' || name === 'td' || name === 'th'))) flush();
			},
			ontext(chunk) {
				if (hidden) return;
				if (!lineBreaks || tables.length) {
					text += chunk;
					return;
				}
				const parts = chunk.split('\n');
				parts.forEach((part, i) => {
					if (i > 0) breakLine();
					// A blank line ends the paragraph.
					if (i > 0 && i < parts.length - 1 && !part.trim()) flush();
					text += part;
				});
			},
			onclosetag(name) {
				if (hidden) {
					if (!VOID.has(name)) hidden--;
					return;
				}
				const t = current();
				if (name === 'table' && t) {
					if (tables.length > 1) {
						tables.pop();
						flush();
						return;
					}
					endRow(t);
					tables.pop();
					out.table(spanGrid(t.rows), note('where_table', { table: t.no }));
					return;
				}
				if (t && tables.length === 1) {
					if (name === 'td' || name === 'th') endCell(t);
					else if (name === 'tr') endRow(t);
					else if (name === 'thead') {
						endRow(t);
						t.head = false;
					} else if (BLOCK.has(name)) flush();
					return;
				}
				if (BLOCK.has(name) || (t && (name === 'tr' || name === 'td' || name === 'th'))) flush();
			}
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true }
	);
	parser.write(html);
	parser.end();
	flush();
	// A table left open by a truncated file still counts.
	while (tables.length) {
		const t = tables.pop()!;
		if (tables.length) continue;
		endRow(t);
		out.table(spanGrid(t.rows), note('where_table', { table: t.no }));
	}
	return out.build();
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'param', 'source', 'track', 'wbr']);
