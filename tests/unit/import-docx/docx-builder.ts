/**
 * Word documents for the tests, written with the `docx` library: no binary fixtures. Small
 * helpers keep a test's table readable as the table it builds.
 */
import {
	DeletedTextRun,
	Document,
	FootnoteReferenceRun,
	InsertedTextRun,
	LevelFormat,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	type FileChild,
	type ParagraphChild
} from 'docx';

export interface CellSpec {
	text?: string | ParagraphChild[] | string[];
	/** Columns spanned (gridSpan). */
	span?: number;
	/** Rows spanned (vMerge restart + continue cells below). */
	rows?: number;
	/** Whole paragraphs (a numbered list item), instead of text. */
	paragraphs?: Paragraph[];
}

export type CellInput = string | CellSpec;

/** A cell: its paragraphs (an array of strings is several paragraphs), spans. */
export function cell(input: CellInput): TableCell {
	const spec = typeof input === 'string' ? { text: input } : input;
	const t = spec.text ?? '';
	const paragraphs = spec.paragraphs
		? spec.paragraphs
		: Array.isArray(t) && t.every((x) => typeof x === 'string')
			? (t as string[]).map((p) => new Paragraph(p))
			: [new Paragraph({ children: typeof t === 'string' ? [new TextRun(t)] : (t as ParagraphChild[]) })];
	return new TableCell({ children: paragraphs, columnSpan: spec.span, rowSpan: spec.rows });
}

export function row(cells: CellInput[], opts: { header?: boolean } = {}): TableRow {
	return new TableRow({ children: cells.map(cell), tableHeader: opts.header });
}

export function table(rows: TableRow[]): Table {
	return new Table({ rows });
}

export function para(text: string): Paragraph {
	return new Paragraph(text);
}

/** A paragraph whose lines are separated by line breaks (w:br), as Word writes Shift+Enter. */
export function brokenPara(lines: string[]): Paragraph {
	return new Paragraph({ children: lines.map((l, i) => new TextRun({ text: l, break: i ? 1 : 0 })) });
}

export const revision = { id: 1, author: 'Văn thư', date: '2026-03-01T08:00:00Z' };

export function inserted(text: string, id = 100): InsertedTextRun {
	return new InsertedTextRun({ text, ...revision, id });
}

export function deleted(text: string, id = 200): DeletedTextRun {
	return new DeletedTextRun({ text, ...revision, id });
}

/** Footnotes referenced by the document being built; docxBytes writes them into footnotes.xml. */
const pendingFootnotes = new Map<number, string>();

export function footnote(text: string): FootnoteReferenceRun {
	const id = pendingFootnotes.size + 1;
	pendingFootnotes.set(id, text);
	return new FootnoteReferenceRun(id);
}

/**
 * The multi-level list of a plan's outline, as Word numbers it: "I." parts, "1." items, "a)"
 * sub-items; a lower level starts again under each higher one.
 */
export const OUTLINE_LIST = 'outline';
const OUTLINE_LEVELS = [
	{ level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', start: 1 },
	{ level: 1, format: LevelFormat.DECIMAL, text: '%2.', start: 1 },
	{ level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', start: 1 }
];

/** A table's STT column numbered by Word ("1.", "2.", …); each instance of the list counts from 1. */
export const STT_LIST = 'stt';

export async function docxBytes(children: FileChild[]): Promise<Uint8Array> {
	const config = [
		{ reference: OUTLINE_LIST, levels: OUTLINE_LEVELS },
		{ reference: STT_LIST, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 1 }] }
	];
	const footnotes = Object.fromEntries([...pendingFootnotes].map(([id, text]) => [id, { children: [new Paragraph(text)] }]));
	pendingFootnotes.clear();
	const doc = new Document({ numbering: { config }, footnotes, sections: [{ children }] });
	return new Uint8Array(await Packer.toBuffer(doc));
}

/** The usual opening of a plan: number, place and date, type and title. */
export function planHeading(title = 'Thử nghiệm nhập kế hoạch từ Word'): Paragraph[] {
	return [para('Số: 12/KH-UBND'), para('Cần Thơ, ngày 3 tháng 4 năm 2026'), para('KẾ HOẠCH'), para(title)];
}

export const TASK_HEADER = ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];
