/**
 * The four plans rebuilt as the Word documents an office would send: each text line's words, in
 * paragraphs and real Word tables. Two layouts:
 *
 * - "as-printed": every printed row is a Word row, one table per printed page (the header row
 *   written again at the top of each), a task cut by the page break left in two rows — several
 *   tables per appendix, as in a document converted from print.
 * - "as-authored": how the plan is kept in Word — one table per appendix, a two-row header
 *   ("Cơ quan thực hiện" over "Cơ quan chủ trì" | "Cơ quan phối hợp") marked to repeat on every
 *   page, section titles merged across the row, a task whole in one row, the same lead agency of
 *   consecutive tasks in one vertically merged cell, a footnote and tracked changes in a title.
 *
 * - "auto-numbered": as-authored, and the outline's markers ("I.", "1.", "a)") drawn by Word's
 *   automatic list numbering instead of typed (wherever Word's count gives the same marker).
 *
 * Markdown decoration of the text form (**bold**, <b>, ###) becomes Word formatting.
 */
import { HeadingLevel, Paragraph, TextRun, type FileChild, type ParagraphChild } from 'docx';
import { searchKey } from '../../../src/lib/core/text.js';
import { deleted, docxBytes, footnote, inserted, OUTLINE_LIST, row, table, type CellInput } from './docx-builder.js';

export type RebuildLayout = 'as-printed' | 'as-authored' | 'auto-numbered';

type Block = { kind: 'lines'; lines: string[] } | { kind: 'rows'; rows: string[][] };

export async function rebuildAsDocx(text: string, layout: RebuildLayout): Promise<Uint8Array> {
	const children: FileChild[] = [];
	const outline = new OutlineCount();
	for (const block of blocks(text)) {
		if (block.kind === 'lines') children.push(layout === 'auto-numbered' ? outline.paragraph(block.lines) : paragraph(block.lines));
		else children.push(...(layout === 'as-printed' ? printedTables(block.rows) : authoredTables(block.rows)));
	}
	return docxBytes(children);
}

/** Paragraphs (consecutive lines are one paragraph with line breaks) and runs of table rows. */
function blocks(text: string): Block[] {
	const out: Block[] = [];
	for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
		const cells = raw.includes('\t') ? raw.split('\t') : null;
		const blank = cells ? cells.every((c) => !c.trim()) : !plain(raw).trim();
		const last = out[out.length - 1];
		if (blank) {
			if (last?.kind === 'lines') out.push({ kind: 'rows', rows: [] }); // a blank line ends a paragraph
			continue;
		}
		if (cells) {
			if (last?.kind === 'rows') last.rows.push(cells);
			else out.push({ kind: 'rows', rows: [cells] });
		} else if (last?.kind === 'lines') last.lines.push(raw);
		else out.push({ kind: 'lines', lines: [raw] });
	}
	return out.filter((b) => (b.kind === 'lines' ? b.lines.length : b.rows.length));
}

/** Which typed markers Word's numbering of the outline list would draw the same; those become list items. */
class OutlineCount {
	private counts = [0, 0, 0];

	paragraph(lines: string[]): Paragraph {
		const m = lines[0].match(/^([IVX]+)\.\s+(\S.*)$/) ?? lines[0].match(/^(\d+)\.\s+(\S.*)$/) ?? lines[0].match(/^([a-z])\)\s+(\S.*)$/);
		if (!m) return paragraph(lines);
		const level = /^[IVX]+$/.test(m[1]) ? 0 : /^\d+$/.test(m[1]) ? 1 : 2;
		// A Roman part heading is written in capitals; "I. Something" in a sentence is not one.
		if (level === 0 && m[2] !== m[2].toLocaleUpperCase('vi')) return paragraph(lines);
		const next = this.counts[level] + 1;
		const drawn = level === 0 ? toRoman(next) : level === 1 ? String(next) : String.fromCharCode(96 + next);
		if (drawn !== m[1]) return paragraph(lines);
		this.counts[level] = next;
		for (let l = level + 1; l < 3; l++) this.counts[l] = 0;
		return paragraph([m[2], ...lines.slice(1)], { reference: OUTLINE_LIST, level });
	}
}

function toRoman(n: number): string {
	return ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][n] ?? String(n);
}

function paragraph(lines: string[], numbering?: { reference: string; level: number }): Paragraph {
	const heading = /^\s*#{1,6}\s+/.test(lines[0]);
	const children: ParagraphChild[] = [];
	lines.forEach((line, i) => {
		const runs = runsOf(line.replace(/^\s*#{1,6}\s+/, '').replace(/\s+$/, ''));
		if (i > 0) children.push(new TextRun({ text: '', break: 1 }));
		children.push(...runs);
	});
	return new Paragraph({ children, heading: heading ? HeadingLevel.HEADING_3 : undefined, numbering });
}

/** "**bold**" and "<b>bold</b>" as bold runs; other decoration dropped. */
function runsOf(text: string): TextRun[] {
	return text
		.split(/(\*\*[^*]+?\*\*|<b>[\s\S]*?<\/b>)/)
		.filter(Boolean)
		.map((part) => {
			const bold = part.match(/^\*\*([^*]+?)\*\*$/) ?? part.match(/^<b>([\s\S]*?)<\/b>$/);
			return new TextRun({ text: plain(bold ? bold[1] : part), bold: !!bold });
		});
}

function plain(text: string): string {
	return text
		.replace(/<\/?[a-zA-Z][^>]*>/g, '')
		.replace(/\*{1,3}([^*\n]+?)\*{1,3}/g, '$1')
		.replace(/\*{2,}/g, '');
}

const isHeader = (cells: string[]) => /^(stt|tt)$/.test(searchKey(plain(cells[0])));
const isSection = (cells: string[]) => /^[IVXL]+$/.test(plain(cells[0]).trim()) && cells.slice(2).every((c) => !plain(c).trim());
const cellRuns = (text: string): CellInput => ({ text: runsOf(text) });

/** One Word table per printed page: a new one at every header row. */
function printedTables(rows: string[][]): FileChild[] {
	const tables: string[][][] = [];
	for (const cells of rows) {
		if (isHeader(cells) || !tables.length) tables.push([]);
		tables[tables.length - 1].push(cells);
	}
	return tables.map((t) =>
		table(
			t.map((cells) => {
				if (isHeader(cells)) return row(cells.map(cellRuns), { header: true });
				if (isSection(cells)) return row([cellRuns(cells[0]), { text: runsOf(cells[1]), span: cells.length - 1 }]);
				return row(cells.map(cellRuns));
			})
		)
	);
}

/** One Word table per header, as the plan's author keeps it. */
function authoredTables(rows: string[][]): FileChild[] {
	const header = rows.find(isHeader);
	if (!header) return printedTables(rows);
	// A row without STT that is not a task (no lead agency) is the rest of the task above, cut by a page.
	const whole: string[][] = [];
	const leadCol = header.findIndex((h) => /chu tri/.test(searchKey(h)));
	const titleCol = 1;
	for (const cells of rows) {
		if (isHeader(cells) && whole.some(isHeader)) continue;
		const last = whole[whole.length - 1];
		const continuation = !plain(cells[0]).trim() && !(plain(cells[titleCol] ?? '').trim() && plain(cells[leadCol] ?? '').trim());
		if (continuation && last && !isHeader(last)) {
			cells.forEach((c, i) => {
				if (plain(c).trim()) last[i] = plain(last[i] ?? '').trim() ? `${last[i]} ${c}` : c;
			});
		} else {
			whole.push([...cells]);
		}
	}
	const supportCol = header.findIndex((h) => /phoi hop/.test(searchKey(h)));
	const twoRowHeader = leadCol > 0 && supportCol === leadCol + 1;
	const out = [];
	let firstTask = true;
	for (let i = 0; i < whole.length; i++) {
		const cells = whole[i];
		if (isHeader(cells)) {
			if (!twoRowHeader) {
				out.push(row(cells.map(cellRuns), { header: true }));
				continue;
			}
			const top: CellInput[] = cells.map((c, col) => (col === leadCol ? { text: 'Cơ quan thực hiện', span: 2 } : { text: runsOf(c), rows: 2 }));
			top.splice(supportCol, 1);
			out.push(row(top, { header: true }));
			out.push(row([cellRuns(cells[leadCol]), cellRuns(cells[supportCol])], { header: true }));
			continue;
		}
		if (isSection(cells)) {
			out.push(row([cellRuns(cells[0]), { text: runsOf(cells[1]), span: cells.length - 1 }]));
			continue;
		}
		const specs: CellInput[] = cells.map(cellRuns);
		if (firstTask && plain(cells[0]).trim()) {
			firstTask = false;
			// Noise a reader does not see as the task: a footnote mark, a deleted word, an inserted word.
			const words = plain(cells[titleCol]).trim().split(' ');
			const lastWord = words.pop() ?? '';
			specs[titleCol] = {
				text: [new TextRun(`${words.join(' ')} `), deleted('(bản cũ) '), inserted(lastWord), footnote('Theo văn bản chỉ đạo của Ban Chỉ đạo.')]
			};
		}
		// The same lead as the task above (both numbered): one cell merged down.
		const above = whole[i - 1];
		const sameLeadBelow = (r: number) =>
			whole[r] && !isHeader(whole[r]) && !isSection(whole[r]) && plain(whole[r][0]).trim() && plain(whole[r][leadCol]) === plain(cells[leadCol]);
		if (leadCol > 0 && plain(cells[0]).trim() && plain(cells[leadCol]).trim()) {
			const continuesAbove =
				above && !isHeader(above) && !isSection(above) && plain(above[0]).trim() && plain(above[leadCol]) === plain(cells[leadCol]);
			if (continuesAbove) specs.splice(leadCol, 1);
			else {
				let span = 1;
				while (sameLeadBelow(i + span)) span++;
				if (span > 1) specs[leadCol] = { text: runsOf(cells[leadCol]), rows: span };
			}
		}
		out.push(row(specs));
	}
	return [table(out)];
}
