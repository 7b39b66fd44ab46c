/**
 * Reads word/document.xml (WordprocessingML) into the document's paragraphs and tables, in order.
 * Only what a reader of the printed page sees is kept: deleted tracked changes, moved-away text,
 * field codes, hidden text, text boxes and the fallback copy of drawings are left out; inserted
 * tracked changes count as accepted. Footnote text lives in another part and is never read.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { refusals } from '../import-refusal.js';
import type { ListNumbering, ParagraphList } from './list-numbering.js';

export interface RawCell {
	paragraphs: string[];
	span: number;
	vMerge: 'restart' | 'continue' | null;
	hMerge: 'restart' | 'continue' | null;
}

export interface RawRow {
	cells: RawCell[];
	/** w:tblHeader: the row Word repeats at the top of every page. */
	header: boolean;
	/** Grid columns left empty before the first cell and after the last. */
	gridBefore: number;
	gridAfter: number;
	/** Deleted as a tracked change: not part of the document. */
	deleted: boolean;
}

export type DocBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: RawRow[] };

const WORD_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Elements whose whole content is not part of the visible text. */
const SKIPPED = new Set(['del', 'moveFrom', 'delText', 'instrText', 'txbxContent', 'drawing', 'pict', 'object', 'sdtPr', 'footnotes', 'endnotes']);

/** Decoded and fed to the parser in slices, so a large document never becomes one huge string. */
const CHUNK_BYTES = 1 << 20;

/** Blocks of the document; numbered paragraphs get the marker Word draws for them (list-numbering.ts). */
export function parseDocumentXml(xml: Uint8Array, lists?: ListNumbering): DocBlock[] {
	const reader = new DocumentReader(lists);
	const parser = new SaxesParser({ xmlns: true });
	parser.on('opentag', (tag) => reader.open(tag));
	parser.on('closetag', (tag) => reader.close(tag));
	parser.on('text', (text) => reader.text(text));
	parser.on('cdata', (text) => reader.text(text));
	try {
		const decoder = new TextDecoder('utf-8');
		for (let i = 0; i < xml.length; i += CHUNK_BYTES) {
			parser.write(decoder.decode(xml.subarray(i, i + CHUNK_BYTES), { stream: true }));
		}
		parser.write(decoder.decode());
		parser.close();
	} catch {
		throw refusals.corrupt('Word');
	}
	return reader.blocks;
}

class DocumentReader {
	readonly blocks: DocBlock[] = [];
	/** Local names of the open Word elements (other namespaces as "other"). */
	private path: string[] = [];
	/** For each open element, whether it started a skipped subtree. */
	private skipping: boolean[] = [];
	private skipDepth = 0;
	private tableDepth = 0;
	private rows: RawRow[] = [];
	private row: RawRow | null = null;
	private cell: RawCell | null = null;
	private paragraph: string[] | null = null;
	private list: ParagraphList = { numId: null, ilvl: null, style: null };
	private runHidden = false;
	private inText = false;

	constructor(private readonly lists?: ListNumbering) {}

	open(tag: SaxesTagNS): void {
		const name = localName(tag);
		const parent = this.path[this.path.length - 1];
		const skip = this.skipDepth > 0 || (SKIPPED.has(name) && !(name === 'del' && parent === 'trPr')) || name === 'mc:Fallback';
		this.path.push(name);
		this.skipping.push(skip);
		if (skip) {
			this.skipDepth++;
			return;
		}
		const val = attribute(tag, 'val');
		switch (name) {
			case 'tbl':
				this.tableDepth++;
				if (this.tableDepth === 1) this.rows = [];
				break;
			case 'tr':
				if (this.tableDepth === 1) this.row = { cells: [], header: false, gridBefore: 0, gridAfter: 0, deleted: false };
				break;
			case 'tc':
				if (this.tableDepth === 1) this.cell = { paragraphs: [], span: 1, vMerge: null, hMerge: null };
				break;
			case 'tblHeader':
				if (this.tableDepth === 1 && this.row && parent === 'trPr') this.row.header = isOn(val);
				break;
			case 'del':
				if (this.tableDepth === 1 && this.row && parent === 'trPr') this.row.deleted = true;
				break;
			case 'gridBefore':
			case 'gridAfter':
				if (this.tableDepth === 1 && this.row && parent === 'trPr') this.row[name] = toCount(val);
				break;
			case 'gridSpan':
				if (this.tableDepth === 1 && this.cell && parent === 'tcPr') this.cell.span = Math.max(1, toCount(val));
				break;
			case 'vMerge':
			case 'hMerge':
				if (this.tableDepth === 1 && this.cell && parent === 'tcPr') this.cell[name] = val === 'restart' ? 'restart' : 'continue';
				break;
			case 'p':
				this.paragraph = [];
				this.list = { numId: null, ilvl: null, style: null };
				break;
			case 'pStyle':
				if (parent === 'pPr') this.list.style = val ?? null;
				break;
			case 'numId':
			case 'ilvl':
				if (parent === 'numPr' && this.path[this.path.length - 3] === 'pPr') {
					if (name === 'numId') this.list.numId = val ?? null;
					else this.list.ilvl = Number(val ?? 0);
				}
				break;
			case 'r':
				this.runHidden = false;
				break;
			case 'vanish':
				if (parent === 'rPr' && this.path[this.path.length - 3] === 'r') this.runHidden = isOn(val);
				break;
			case 't':
				this.inText = true;
				break;
			case 'tab':
				if (parent === 'r') this.put(' ');
				break;
			case 'br':
			case 'cr':
				if (parent === 'r') this.put('\n');
				break;
			case 'noBreakHyphen':
				this.put('-');
				break;
		}
	}

	close(tag: SaxesTagNS): void {
		const name = localName(tag);
		this.path.pop();
		if (this.skipping.pop()) {
			this.skipDepth--;
			return;
		}
		switch (name) {
			case 'tbl':
				this.tableDepth--;
				if (this.tableDepth === 0) this.blocks.push({ kind: 'table', rows: this.rows });
				break;
			case 'tr':
				if (this.tableDepth === 1 && this.row) {
					if (!this.row.deleted) this.rows.push(this.row);
					this.row = null;
				}
				break;
			case 'tc':
				if (this.tableDepth === 1 && this.cell && this.row) {
					this.row.cells.push(this.cell);
					this.cell = null;
				}
				break;
			case 'p':
				this.endParagraph();
				break;
			case 't':
				this.inText = false;
				break;
		}
	}

	text(text: string): void {
		if (this.inText && this.skipDepth === 0) this.put(text);
	}

	private put(text: string): void {
		if (this.paragraph && !this.runHidden) this.paragraph.push(text);
	}

	private endParagraph(): void {
		const marker = this.lists?.marker(this.list) ?? null;
		const body = (this.paragraph ?? []).join('');
		const text = marker ? `${marker} ${body}` : body;
		this.paragraph = null;
		// Paragraphs of a nested table belong to the cell of the outer table that holds it.
		if (this.tableDepth > 0) this.cell?.paragraphs.push(text);
		else this.blocks.push({ kind: 'paragraph', text });
	}
}

function localName(tag: SaxesTagNS): string {
	if (WORD_NS.has(tag.uri)) return tag.local;
	if (tag.uri === MC_NS) return `mc:${tag.local}`;
	return 'other';
}

function attribute(tag: SaxesTagNS, local: string): string | undefined {
	for (const a of Object.values(tag.attributes)) if (a.local === local && (WORD_NS.has(a.uri) || a.uri === '')) return a.value;
	return undefined;
}

/** w:val on/off: absent means on. */
function isOn(val: string | undefined): boolean {
	return val === undefined || !/^(0|false|off)$/i.test(val);
}

function toCount(val: string | undefined): number {
	const n = Number(val);
	return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}
