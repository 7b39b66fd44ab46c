/**
 * The four plans rewritten in the formats offices pass around, from their text form:
 *
 * - `planHtml`: the whole plan as an HTML page — the letterhead's number and date side by side in
 *   a borderless layout table, each paragraph a <p>, each appendix ONE bordered table as its author
 *   keeps it (header in <thead>, repeated by the browser on every printed page; section titles
 *   spanning the row; a task cut by a page break in the text made whole again; the same lead agency
 *   of consecutive tasks in one cell with rowspan). Printed by Chromium it is the PDF fixture.
 * - `planMarkdown`: the text with each table as a GFM pipe table (alignment row, bold section rows,
 *   long titles broken with <br>, pipes in text escaped).
 * - `planCsv`: the appendices only, as a CSV file: title rows, header, rows; a blank row between.
 *   For a plan without a table, the tasks the text importer derives from its prose.
 */
import type { ParsedPlan } from '../../../src/lib/core/parsed-plan.js';
import { searchKey } from '../../../src/lib/core/text.js';

type Block = { kind: 'lines'; lines: string[] } | { kind: 'rows'; rows: string[][] };

const isHeader = (cells: string[]) => /^(stt|tt)$/.test(searchKey(plain(cells[0])));
const isSection = (cells: string[]) => /^[IVXL]+$/.test(plain(cells[0]).trim()) && cells.slice(2).every((c) => !plain(c).trim());

export function plain(text: string): string {
	return text
		.replace(/<\/?[a-zA-Z][^>]*>/g, '')
		.replace(/\*{1,3}([^*\n]+?)\*{1,3}/g, '$1')
		.replace(/\*{2,}/g, '')
		.trim();
}

/**
 * The appendices as their authors keep them: one table per header kind, the header once, a row
 * without STT that is not a task (no lead) joined to the task above. Page-break blank lines and
 * repeated headers between the printed pages' tables do not split an appendix.
 */
function appendixTables(text: string): Array<{ block: number; before: string[]; header: string[]; rows: string[][] }> {
	const tables: Array<{ block: number; before: string[]; header: string[]; rows: string[][] }> = [];
	let before: string[] = [];
	rawBlocks(text).forEach((block, b) => {
		if (block.kind === 'lines') {
			before.push(...block.lines.filter((l) => plain(l)));
			return;
		}
		for (const cells of block.rows) {
			const current = tables[tables.length - 1];
			if (isHeader(cells)) {
				if (current && !before.length && searchKey(current.header.join('\t')) === searchKey(cells.join('\t'))) continue;
				tables.push({ block: b, before, header: cells, rows: [] });
				before = [];
				continue;
			}
			if (!current) continue;
			const lead = current.header.findIndex((h) => /chu tri/.test(searchKey(h)));
			const last = current.rows[current.rows.length - 1];
			const continuation = !plain(cells[0]) && !(plain(cells[1] ?? '') && lead > 0 && plain(cells[lead] ?? ''));
			if (continuation && last) cells.forEach((c, i) => (last[i] = plain(c) ? (plain(last[i] ?? '') ? `${last[i]} ${c}` : c) : last[i]));
			else current.rows.push([...cells]);
		}
	});
	return tables;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Markdown-ish decoration of the text form as HTML. */
const inline = (s: string) =>
	esc(s.replace(/<\/?b>/g, '**'))
		.replace(/\*\*([^*]+?)\*\*/g, '<b>$1</b>')
		.replace(/\*([^*]+?)\*/g, '<i>$1</i>')
		.replace(/\*+/g, '');

const STYLE = `
	body { font-family: 'DejaVu Serif', serif; font-size: 13pt; }
	p { margin: 0 0 9pt; text-align: justify; }
	h3 { font-size: 13pt; margin: 0 0 9pt; }
	table.letterhead { width: 100%; margin-bottom: 12pt; }
	table.letterhead td { width: 50%; text-align: center; vertical-align: top; }
	table.grid { border-collapse: collapse; width: 100%; margin-bottom: 12pt; }
	table.grid th, table.grid td { border: 0.75pt solid #000; padding: 4pt 6pt; vertical-align: top; text-align: left; }
	table.grid th { font-weight: bold; text-align: center; }
	tr { break-inside: auto; }
`;

export function planHtml(text: string): string {
	const out: string[] = [`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch</title><style>${STYLE}</style></head><body>`];
	const tables = appendixTables(text);
	const all = rawBlocks(text);
	// The letterhead: number (left) and place and date (right) side by side.
	const first = all
		.flatMap((b) => (b.kind === 'lines' ? b.lines : []))
		.filter((l) => plain(l))
		.slice(0, 4);
	const number = first.find((l) => /^Số:/.test(plain(l)));
	const date = first.find((l) => /, ngày\b/.test(plain(l)));
	if (number && date) out.push(`<table class="letterhead"><tr><td>${inline(number)}</td><td><i>${inline(date)}</i></td></tr></table>`);
	all.forEach((block, b) => {
		if (block.kind === 'rows') {
			for (const t of tables.filter((t) => t.block === b)) out.push(gridTable(t.header, t.rows));
			return;
		}
		// Consecutive lines are one paragraph with line breaks, as in Word; a blank line ends it.
		const paragraphs: string[][] = [[]];
		for (const line of block.lines) {
			if (!plain(line)) paragraphs.push([]);
			else if (line !== number && line !== date) paragraphs[paragraphs.length - 1].push(line);
		}
		for (const lines of paragraphs.filter((p) => p.length)) {
			const heading = /^\s*#{1,6}\s+/.test(lines[0]);
			const body = lines.map((l) => inline(l.replace(/^\s*#{1,6}\s+/, '').trim())).join('<br>');
			out.push(heading ? `<h3>${body}</h3>` : `<p>${body}</p>`);
		}
	});
	out.push('</body></html>');
	return out.join('\n');
}

/** One bordered table: header in <thead>, sections spanning the row, the same lead merged down. */
function gridTable(header: string[], rows: string[][]): string {
	const lead = header.findIndex((h) => /chu tri/.test(searchKey(h)));
	const out = ['<table class="grid">', `<thead><tr>${header.map((h) => `<th>${inline(h)}</th>`).join('')}</tr></thead>`, '<tbody>'];
	const sameLead = (a: string[] | undefined, b: string[] | undefined) =>
		!!a &&
		!!b &&
		!isSection(a) &&
		!isSection(b) &&
		plain(a[0]) !== '' &&
		plain(b[0]) !== '' &&
		lead > 0 &&
		plain(a[lead]) !== '' &&
		plain(a[lead]) === plain(b[lead]);
	rows.forEach((cells, i) => {
		if (isSection(cells)) {
			out.push(`<tr><td>${inline(cells[0])}</td><td colspan="${header.length - 1}"><b>${inline(plain(cells[1]))}</b></td></tr>`);
			return;
		}
		const tds = cells.map((c, col) => {
			if (col !== lead || lead <= 0) return `<td>${inline(c)}</td>`;
			if (sameLead(rows[i - 1], cells)) return '';
			let span = 1;
			while (sameLead(cells, rows[i + span])) span++;
			return `<td${span > 1 ? ` rowspan="${span}"` : ''}>${inline(c)}</td>`;
		});
		out.push(`<tr>${tds.join('')}</tr>`);
	});
	out.push('</tbody></table>');
	return out.join('\n');
}

export function planMarkdown(text: string): string {
	const tables = appendixTables(text);
	const out: string[] = [];
	const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
	rawBlocks(text).forEach((block, b) => {
		if (block.kind === 'lines') {
			out.push(...block.lines);
			return;
		}
		for (const table of tables.filter((t) => t.block === b)) {
			out.push(row(table.header.map((h) => `**${plain(h)}**`)));
			out.push(
				`|:---:|${table.header
					.slice(1)
					.map((_, i) => (i === 0 ? ' :--- ' : ' --- '))
					.join('|')}|`
			);
			for (const cells of table.rows) {
				if (isSection(cells)) out.push(row([`**${plain(cells[0])}**`, `**${plain(cells[1])}**`, ...cells.slice(2).map(() => '')]));
				else out.push(row(cells.map((c, i) => (i === 1 ? breakLine(c) : c))));
			}
			out.push('');
		}
	});
	return out.join('\n');
}

/** The text's lines as they stand, and its runs of table rows. */
function rawBlocks(text: string): Block[] {
	const out: Block[] = [];
	for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
		const cells = raw.includes('\t') && !raw.split('\t').every((c) => !c.trim()) ? raw.split('\t') : null;
		const last = out[out.length - 1];
		if (cells) {
			if (last?.kind === 'rows') last.rows.push(cells);
			else out.push({ kind: 'rows', rows: [cells] });
		} else if (last?.kind === 'rows' && !raw.trim()) continue;
		else if (last?.kind === 'lines') last.lines.push(raw);
		else out.push({ kind: 'lines', lines: [raw] });
	}
	return out;
}

/** A long title broken in two with <br> at a space near its middle. */
function breakLine(text: string): string {
	if (text.length < 60) return text;
	const at = text.indexOf(' ', Math.floor(text.length / 2));
	return at < 0 ? text : `${text.slice(0, at)}<br>${text.slice(at + 1)}`;
}

/** CSV of the appendices (fields quoted where needed), or of the derived tasks of a plan without a table. */
export function planCsv(text: string, parsed: ParsedPlan, delimiter: ',' | ';' = ','): string {
	const field = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	const lines: string[] = [];
	const write = (cells: string[]) => lines.push(cells.map(field).join(delimiter));
	const tables = appendixTables(text);
	if (tables.length) {
		for (const table of tables) {
			const titles = table.before.map(plain).filter(Boolean);
			const at = titles.findIndex((l) => /^phu luc\b/.test(searchKey(l)));
			for (const t of at >= 0 ? titles.slice(at) : []) write([t]);
			write(table.header.map(plain));
			for (const cells of table.rows) write(cells.map(plain));
			write([]);
		}
		return `${lines.join('\r\n')}\r\n`;
	}
	write(['PHỤ LỤC']);
	write(['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']);
	for (const a of parsed.appendices) {
		if (a.kind !== 'tasks') continue;
		for (const s of a.sections) {
			if (s.code || s.title) write([s.code, s.title, '', '', '']);
			for (const t of s.tasks) write([t.stt, t.title, t.leadRaw, t.supportRaw, t.deadline.raw]);
		}
	}
	return `${lines.join('\n')}\n`;
}
