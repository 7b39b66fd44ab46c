import { collapseSpaces, normalizeText } from '../../src/lib/core/text.js';

/** One line of the source, cleaned of Markdown/HTML decoration. */
export interface SourceLine {
	/** 1-based line number in the source. */
	no: number;
	/** The cleaned text (cells joined by tabs for table rows). */
	text: string;
	/** The cells when the line is a tab-separated table row, else null. */
	cells: string[] | null;
}

/** A prose paragraph: a non-table line, with page-break continuations joined to it. */
export interface Paragraph {
	line: number;
	text: string;
}

/** Splits normalized text into cleaned lines, keeping the source line numbers. */
export function toLines(source: string): SourceLine[] {
	return normalizeText(source)
		.split('\n')
		.map((raw, i) => {
			const clean = stripDecoration(raw);
			if (!clean.includes('\t')) return { no: i + 1, text: collapseSpaces(clean), cells: null };
			const cells = clean.split('\t').map((c) => collapseSpaces(c));
			// A line of empty cells carries nothing: treat it as blank.
			if (cells.every((c) => c === '')) return { no: i + 1, text: '', cells: null };
			return { no: i + 1, text: cells.join('\t'), cells };
		});
}

/**
 * Some plans come as Markdown-ish exports (`**bold**`, `<b>`, `###`); the words matter, the
 * decoration does not.
 */
function stripDecoration(line: string): string {
	if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
	return line
		.replace(/<\/?[a-zA-Z][^>]*>/g, '')
		.replace(/^\s*#{1,6}\s+/, '')
		.replace(/\*{1,3}([^*\n]+?)\*{1,3}/g, '$1')
		.replace(/\*{2,}/g, '')
		.replace(/[ ]+$/g, '');
}

// "a) …" opens a lettered item; it starts lower-case but never continues the line before.
const LETTERED_ITEM = /^[a-zđ]\)\s/u;

/**
 * Prose paragraphs, in order. A paragraph that starts with a lower-case letter continues the
 * one before it: page breaks in the exported text cut sentences in two.
 */
export function toParagraphs(lines: SourceLine[]): Paragraph[] {
	const out: Paragraph[] = [];
	let joinable = false;
	for (const line of lines) {
		if (line.cells) {
			joinable = false;
			continue;
		}
		if (!line.text) continue;
		const last = out[out.length - 1];
		if (joinable && last && /^\p{Ll}/u.test(line.text) && !LETTERED_ITEM.test(line.text)) last.text = `${last.text} ${line.text}`;
		else out.push({ line: line.no, text: line.text });
		joinable = true;
	}
	return out;
}
