/**
 * A plan printed to PDF, read from its text layer (pdfjs): each page's bordered tables are
 * rebuilt from their lines (ruled-tables.ts), the text around them is made into paragraphs
 * (text-lines.ts), and both go through the same table rules as a Word document. A table that
 * goes on over the next page keeps its columns there; a row cut by the page's end is joined
 * with its rest at the top of the next page, under the repeated header. Page numbers in the top
 * or bottom margin are dropped. Labels say on which page each line was ("trang 3, hàng 5").
 *
 * A PDF with no text (a scan) is refused with a message that says so; pages that hold only
 * images inside a PDF with text are named in a warning.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { note, type Note } from '../../../src/lib/core/api/notes.js';
import { ImportError } from '../import-error.js';
import { refusals } from '../import-refusal.js';
import { MAX_PDF_PAGES } from '../limits.js';
import { ownCell, type GridCell, type GridRow } from '../office/grid.js';
import type { OfficeSource } from '../office/source-builder.js';
import { spanGrid, type SpanRow } from '../office/span-grid.js';
import { findHeader, matchHeader, stackedHeader } from '../office/table-header.js';
import { searchKey } from '../../../src/lib/core/text.js';
import { TableEmitter } from '../office/table-emitter.js';
import { readPageContent, type PageContent, type TextRun } from './page-content.js';
import { findRuledTables, type RuledTable } from './ruled-tables.js';
import { joinLines, toParagraphs, toTextLines, type TextLine } from './text-lines.js';

/** Fewer characters than this on every page: there is no text layer, only images. */
const MIN_TEXT_CHARS_PER_PAGE = 20;
/** Top and bottom share of the page where a lone number is a page number. */
const MARGIN_SHARE = 0.08;

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export async function readPdf(bytes: Uint8Array): Promise<OfficeSource> {
	const doc = await open(bytes);
	try {
		if (doc.numPages > MAX_PDF_PAGES) throw refusals.tooManyPages(MAX_PDF_PAGES);
		const pages: PageContent[] = [];
		for (let no = 1; no <= doc.numPages; no++) {
			const page = await doc.getPage(no).catch(() => null);
			if (!page) continue;
			try {
				pages.push(await readPageContent(page, no));
			} finally {
				page.cleanup();
			}
		}
		return pdfSource(pages);
	} catch (e) {
		if (e instanceof ImportError) throw e;
		throw refusals.corrupt('PDF');
	} finally {
		await doc.destroy().catch(() => undefined);
	}
}

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
	const task = getDocument({
		// pdfjs takes the array over (it is detached after): hand it a copy.
		data: bytes.slice(),
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		enableXfa: false,
		isOffscreenCanvasSupported: false,
		stopAtErrors: false,
		verbosity: 0,
		cMapUrl: `${path.join(pdfjsDir, 'cmaps')}/`,
		cMapPacked: true,
		standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}/`
	});
	try {
		return await task.promise;
	} catch (e) {
		await task.destroy().catch(() => undefined);
		if ((e as Error)?.name === 'PasswordException') throw refusals.encrypted();
		throw refusals.corrupt('PDF');
	}
}

/** The pages' content in reading order as the text form. */
export function pdfSource(pages: PageContent[]): OfficeSource {
	const textChars = pages.map((p) => p.runs.reduce((n, r) => n + r.text.replace(/\s/g, '').length, 0));
	if (textChars.every((n) => n < MIN_TEXT_CHARS_PER_PAGE)) {
		if (pages.some((p) => p.images > 0)) throw refusals.scanned();
		throw new ImportError('empty', { detail: 'pdf' });
	}
	const out = new TableEmitter();
	const imageOnly = pages.filter((p, i) => p.images > 0 && textChars[i] < MIN_TEXT_CHARS_PER_PAGE).map((p) => p.no);
	if (imageOnly.length) {
		out.out.note('source_pdf_image_pages', { pages: imageOnly.join(', ') });
	}

	let previous: { table: RuledTable; grid: GridRow[]; header: string[] | null } | null = null;
	const pending: Array<{ grid: GridRow[]; name: Note }> = [];
	const flushTables = () => {
		for (const t of pending.splice(0)) out.table(t.grid, t.name);
	};
	// The page's last paragraph, held back: the next page may go on with it.
	let carry: { lines: TextLine[]; page: number; right: number } | null = null;
	const flushCarry = () => {
		if (carry) out.paragraph(joinLines(carry.lines, carry.right), note('where_page', { page: carry.page }));
		carry = null;
	};
	const paragraph = (lines: TextLine[], page: number, right: number, firstOnPage: boolean) => {
		flushTables();
		const held = carry as { lines: TextLine[]; page: number; right: number } | null;
		const last = held?.lines[held.lines.length - 1];
		// A paragraph cut by the page's end: its last line ran to the margin, and the next page goes
		// on in the middle of a sentence (lower case, or the line before ended without punctuation).
		const cut = held && last && firstOnPage && last.right >= held.right - last.size * 4;
		if (held && cut && (/^[\p{Ll}\d(“"]/u.test(lines[0].text) || !/[.:;!?…]$/.test(last!.text))) {
			held.lines.push(...lines);
			held.right = Math.max(held.right, right);
			return;
		}
		flushCarry();
		carry = { lines: [...lines], page, right };
	};
	for (const page of pages) {
		const runs = page.runs.filter((r) => !isPageNumber(r, page) && fitsClip(r, page));
		const hint: number[] | null = previous ? (previous as { table: RuledTable }).table.columns : null;
		const tables = findRuledTables(page, hint);
		const inTable = (r: TextRun) => tables.findIndex((t) => contains(t, r));
		const byTable = tables.map((): TextRun[] => []);
		const loose: TextRun[] = [];
		for (const r of runs) {
			const t = inTable(r);
			if (t >= 0) byTable[t].push(r);
			else loose.push(r);
		}
		// Text and tables in the order of the page, top to bottom.
		const lines = toTextLines(loose);
		const header = borderlessHeader(loose);
		if (header) {
			flushTables();
			out.out.note('source_pdf_unruled_table', { page: page.no, header });
		}
		const paragraphs = toParagraphs(lines);
		// The text's right margin: a line ending well before it was ended on purpose.
		const right = Math.max(0, ...lines.map((l) => l.right));
		let p = 0;
		tables.forEach((table, t) => {
			for (; p < paragraphs.length && paragraphs[p][0].y < table.top; p++) {
				paragraph(paragraphs[p], page.no, right, p === 0 && t === 0);
				previous = null;
			}
			flushCarry();
			let grid = tableGrid(table, byTable[t], page.no, t);
			if (!grid.length) return;
			const first = t === 0 && p === 0;
			let header = headerTexts(grid);
			if (first && previous) {
				header ??= previous.header;
				if (table.openTop || previous.table.openBottom) grid = joinCutRow(previous.grid, grid);
				if (header) fillMergedAcrossPage(previous.grid, grid, header);
			}
			pending.push({ grid, name: note('where_page_table', { page: page.no, table: t + 1 }) });
			previous = { table, grid, header };
		});
		for (; p < paragraphs.length; p++) {
			paragraph(paragraphs[p], page.no, right, p === 0 && !tables.length);
			previous = null;
		}
	}
	flushTables();
	flushCarry();
	return out.build();
}

function isPageNumber(run: TextRun, page: PageContent): boolean {
	const inMargin = run.y < page.height * MARGIN_SHARE || run.y > page.height * (1 - MARGIN_SHARE);
	return inMargin && /^\s*(trang\s*)?\d{1,4}(\s*\/\s*\d{1,4})?\s*$/i.test(run.text);
}

/**
 * A table header printed without borders (on one line, column names apart by more than a
 * space): such tables are not rebuilt, so the person importing is told. Null when none.
 */
function borderlessHeader(runs: TextRun[]): string | null {
	const rows = new Map<number, TextRun[]>();
	for (const run of runs) {
		if (!run.text.trim()) continue;
		const key = Math.round(run.y);
		rows.set(key, [...(rows.get(key) ?? []), run]);
	}
	for (const row of rows.values()) {
		row.sort((a, b) => a.x - b.x);
		const cells: string[] = [];
		let end = -Infinity;
		for (const run of row) {
			if (!cells.length || run.x - end > run.size * 0.8) cells.push(run.text.trim());
			else cells[cells.length - 1] += (run.x - end > run.size * 0.15 ? ' ' : '') + run.text.trim();
			end = run.x + run.width;
		}
		if (cells.length >= 3 && matchHeader(cells.map((c) => c.normalize('NFC')))) return cells.join(' | ');
	}
	return null;
}

/**
 * A line whose descenders the page's clip would cut is not printed on this page: the browser
 * painted the top of a glyph of the next page's first line past the page's end.
 */
function fitsClip(run: TextRun, page: PageContent): boolean {
	if (!page.clip) return true;
	return run.y + run.size * 0.15 <= page.clip.bottom + 0.5 && run.y - run.size * 0.5 >= page.clip.top - 0.5;
}

function contains(t: RuledTable, r: TextRun): boolean {
	const cx = r.x + r.width / 2;
	const cy = r.y - r.size * 0.3;
	return cx >= t.left - 1 && cx <= t.right + 1 && cy >= t.top - 1 && cy <= t.bottom + 1;
}

/** The table's cells with their text, as grid rows. */
function tableGrid(table: RuledTable, runs: TextRun[], page: number, index: number): GridRow[] {
	const rows: SpanRow[] = table.cells.map((cells, r) => ({
		cells: cells.map((cell) => {
			const inside = runs.filter((run) => {
				const cx = run.x + run.width / 2;
				const cy = run.y - run.size * 0.3;
				return cx >= cell.left && cx < cell.right && cy >= cell.top && cy < cell.bottom;
			});
			// One paragraph per cell: a PDF's line breaks in a cell are where the column ran out.
			const text = joinLines(toTextLines(inside), -Infinity);
			return { lines: text ? [text] : [], colspan: cell.colspan, rowspan: cell.rowspan };
		}),
		header: false,
		label: index ? note('where_page_table_row', { page, table: index + 1, row: r + 1 }) : note('where_page_row', { page, row: r + 1 })
	}));
	return spanGrid(rows);
}

/** The header's text over each grid column, when the table starts with a header. */
function headerTexts(grid: GridRow[]): string[] | null {
	const found = findHeader(grid, 4);
	return found ? stackedHeader(grid.slice(found.start, found.start + found.height)).map(searchKey) : null;
}

/** Columns a task always fills: empty there at the top of a page, the cell was merged from the page before. */
const ALWAYS_FILLED = /\b(chu tri|thoi gian|thoi han|han hoan thanh|tien do)\b/;

/**
 * A cell merged over tasks on two pages (the same lead agency, the same deadline) prints its
 * text on the first page only: the first task of the next page gets it back, as merged down.
 */
function fillMergedAcrossPage(before: GridRow[], grid: GridRow[], header: string[]): void {
	const found = findHeader(grid, 4);
	const start = found ? found.start + found.height : 0;
	const first = grid[start];
	const last = before[before.length - 1];
	if (!first || !last || first.cells.length !== last.cells.length || !first.cells[0]?.text) return;
	first.cells.forEach((cell, c) => {
		const above = last.cells[c];
		if (cell.text || !above?.text || !ALWAYS_FILLED.test(header[c] ?? '')) return;
		const merged: GridCell = { text: above.text, lines: above.lines, origin: 'merged-down' };
		first.cells[c] = merged;
		// The rest of the merged cell on this page: rows whose cell there is covered from above.
		for (let r = start + 1; r < grid.length && grid[r].cells[c]?.origin === 'spanned' && grid[r].cells.filter((x) => x.text).length > 2; r++) {
			grid[r].cells[c] = merged;
		}
	});
}

/**
 * A row cut by the page's end goes on under the repeated header of the next page: its rest
 * (the first row there) is added to the last row of the page before, cell by cell.
 */
function joinCutRow(before: GridRow[], grid: GridRow[]): GridRow[] {
	const header = findHeader(grid, 4);
	const at = header ? header.start + header.height : 0;
	const rest = grid[at];
	const last = before[before.length - 1];
	if (!rest || !last || rest.cells.length !== last.cells.length) return grid;
	last.cells = last.cells.map((cell, c): GridCell => {
		const more = rest.cells[c];
		if (!more || more.origin !== 'own' || !more.text) return cell;
		return ownCell([[cell.text, more.text].filter(Boolean).join(' ')]);
	});
	return [...grid.slice(0, at), ...grid.slice(at + 1)];
}
