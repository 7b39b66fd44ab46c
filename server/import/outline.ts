import { searchKey } from '../../src/lib/core/text.js';
import type { Paragraph } from './source-lines.js';

/**
 * The numbering levels of a Vietnamese administrative document:
 * "I." parts, "1." items, "a)" sub-items, "-" bullets.
 */
export type BlockKind = 'roman' | 'numbered' | 'lettered' | 'bullet' | 'plain' | 'recipients';

export interface Block {
	line: number;
	kind: BlockKind;
	/** "IV", "3", "đ"; empty for bullets and plain paragraphs. */
	marker: string;
	/** The text after the marker. */
	body: string;
	/** The whole paragraph. */
	text: string;
}

export function toBlocks(paragraphs: Paragraph[]): Block[] {
	return paragraphs.map((p) => classify(p));
}

function classify(p: Paragraph): Block {
	const base = { line: p.line, text: p.text };
	const roman = p.text.match(/^([IVX]{1,4})\.\s+(.+)$/);
	// Part headings are printed in capitals; "I. Something" in a sentence is not one.
	if (roman && roman[2] === roman[2].toLocaleUpperCase('vi')) {
		return { ...base, kind: 'roman', marker: roman[1], body: roman[2] };
	}
	const numbered = p.text.match(/^(\d{1,2})\.\s+(.+)$/);
	if (numbered) return { ...base, kind: 'numbered', marker: numbered[1], body: numbered[2] };
	const lettered = p.text.match(/^([a-zđ])\)\s+(.+)$/u);
	if (lettered) return { ...base, kind: 'lettered', marker: lettered[1], body: lettered[2] };
	const bullet = p.text.match(/^[-–•+]\s+(.+)$/);
	if (bullet) return { ...base, kind: 'bullet', marker: '', body: bullet[1] };
	// "Nơi nhận:" opens the recipients list and signature: no plan content follows in that part.
	if (/^noi nhan\b/.test(searchKey(p.text))) return { ...base, kind: 'recipients', marker: '', body: p.text };
	return { ...base, kind: 'plain', marker: '', body: p.text };
}

/** A part ("I. ..." up to the next part or the recipients list). */
export interface Part {
	line: number;
	code: string;
	title: string;
	blocks: Block[];
}

export function toParts(blocks: Block[]): Part[] {
	const parts: Part[] = [];
	let current: Part | null = null;
	for (const b of blocks) {
		if (b.kind === 'roman') {
			current = { line: b.line, code: b.marker, title: b.body, blocks: [] };
			parts.push(current);
		} else if (b.kind === 'recipients') {
			current = null;
		} else if (current) {
			current.blocks.push(b);
		}
	}
	return parts;
}
