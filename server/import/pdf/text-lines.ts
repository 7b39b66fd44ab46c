/**
 * Text runs made into lines and paragraphs, the way a reader of the page takes them. Runs on one
 * baseline are one line, joined with a space where the gap between them is a space's width; a
 * wide gap splits the line (the letterhead's two columns side by side). Lines are one paragraph
 * while they follow each other at the page's usual line spacing; a larger gap, a change of type
 * size or an indented first line starts a new one.
 */
import type { TextRun } from './page-content.js';

export interface TextLine {
	text: string;
	left: number;
	right: number;
	/** Baseline. */
	y: number;
	size: number;
}

/** A gap wider than this many type sizes separates columns, not words. */
const COLUMN_GAP = 3;
/** A gap wider than this share of the type size is a space. */
const SPACE_GAP = 0.15;

/** Lines of the runs, top to bottom; each wide gap splits a line into segments, left to right. */
export function toTextLines(runs: TextRun[]): TextLine[] {
	// Spaces are read from the gaps: a space run can be as wide as the gap it fills, columns included.
	const sorted = runs.filter((r) => r.text.trim()).sort((a, b) => a.y - b.y || a.x - b.x);
	const rows: TextRun[][] = [];
	for (const run of sorted) {
		const row = rows[rows.length - 1];
		if (row && Math.abs(run.y - row[0].y) <= Math.max(1, row[0].size * 0.35)) row.push(run);
		else rows.push([run]);
	}
	const out: TextLine[] = [];
	for (const row of rows) {
		row.sort((a, b) => a.x - b.x);
		let segment: TextRun[] = [];
		let end = -Infinity;
		const flush = () => {
			const line = joinRuns(segment);
			if (line) out.push(line);
			segment = [];
		};
		for (const run of row) {
			if (segment.length && run.x - end > COLUMN_GAP * run.size) flush();
			segment.push(run);
			end = Math.max(end, run.x + run.width);
		}
		flush();
	}
	return out;
}

function joinRuns(runs: TextRun[]): TextLine | null {
	if (!runs.length) return null;
	let text = '';
	let end = -Infinity;
	for (const run of runs) {
		if (text && run.x - end > SPACE_GAP * run.size && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
		text += run.text;
		end = Math.max(end, run.x + run.width);
	}
	const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (!clean) return null;
	const size = median(runs.map((r) => r.size));
	return { text: clean, left: runs[0].x, right: end, y: median(runs.map((r) => r.y)), size };
}

/** "(Kèm theo Kế hoạch số …)": the line under an appendix's title is always a line of its own. */
const OWN_LINE = /^\((kèm theo|ban hành kèm)/i;

/**
 * A paragraph's lines as its text: a line that ran to the right margin was wrapped there, so
 * the next goes on after a space (none after a hyphen that ends a word: "NĐ-" + "CP"); a line
 * that ended short was broken on purpose and stays a line of its own.
 */
export function joinLines(lines: TextLine[], right: number): string {
	let text = '';
	lines.forEach((line, i) => {
		if (i === 0) text = line.text;
		else if (lines[i - 1].right < right - line.size * 4 || OWN_LINE.test(line.text)) text += `\n${line.text}`;
		else if (/\S-$/.test(text)) text += line.text;
		else text += ` ${line.text}`;
	});
	return text;
}

/** Lines grouped into paragraphs (each a list of lines). */
export function toParagraphs(lines: TextLine[]): TextLine[][] {
	const pitch = usualPitch(lines);
	const out: TextLine[][] = [];
	let previous: TextLine | null = null;
	for (const line of lines) {
		const paragraph = out[out.length - 1];
		const joins =
			previous !== null &&
			paragraph !== undefined &&
			sameBlock(previous, line, pitch) &&
			// The next line of a paragraph starts at its left edge or left of the indented first line.
			line.left <= previous.left + line.size * 1.2 &&
			line.left >= Math.min(...paragraph.map((l) => l.left)) - line.size * 1.2;
		if (joins) paragraph.push(line);
		else out.push([line]);
		previous = line;
	}
	return out;
}

function sameBlock(a: TextLine, b: TextLine, pitch: number): boolean {
	if (Math.abs(a.size - b.size) > Math.max(a.size, b.size) * 0.15) return false;
	const gap = b.y - a.y;
	return gap > 0 && gap <= pitch * 1.2;
}

/**
 * The body text's line spacing: the smallest distance between consecutive baselines that is
 * common. (A plan printed one paragraph per line has more paragraph gaps than line gaps; the
 * smaller of the common distances is still the line spacing.)
 */
function usualPitch(lines: TextLine[]): number {
	const counts = new Map<number, number>();
	let total = 0;
	for (let i = 1; i < lines.length; i++) {
		const gap = Math.round((lines[i].y - lines[i - 1].y) * 2) / 2;
		if (gap > lines[i].size * 0.8 && gap < lines[i].size * 3) {
			counts.set(gap, (counts.get(gap) ?? 0) + 1);
			total++;
		}
	}
	const common = [...counts].filter(([, n]) => n >= Math.max(2, total * 0.1)).map(([gap]) => gap);
	return common.length ? Math.min(...common) : (lines[0]?.size ?? 12) * 1.3;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
