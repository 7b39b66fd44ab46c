/**
 * Building blocks of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP layout) for the
 * DOCX generator: the two-column heading (issuer on the left; the national motto "CỘNG HÒA XÃ HỘI
 * CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" on the right, each with its short rule), the
 * number and dateline, the title, bordered data tables with a repeated header row, and the
 * recipients/signature block. Times New Roman throughout, sizes in points.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	VerticalAlign,
	WidthType,
	type FileChild
} from 'docx';
import { longVietnameseDate } from './labels.js';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const FONT = 'Times New Roman';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

export interface RunStyle {
	bold?: boolean;
	italic?: boolean;
	/** Points. */
	size?: number;
}

export function text(value: string, style: RunStyle = {}): TextRun {
	return new TextRun({ text: value, bold: style.bold, italics: style.italic, size: (style.size ?? 13) * 2, font: FONT });
}

export function para(
	value: string | TextRun[],
	style: RunStyle & { align?: 'left' | 'center' | 'right' | 'both'; before?: number; after?: number; indent?: number; keepNext?: boolean } = {}
): Paragraph {
	const align = {
		left: AlignmentType.LEFT,
		center: AlignmentType.CENTER,
		right: AlignmentType.RIGHT,
		both: AlignmentType.JUSTIFIED
	}[style.align ?? 'both'];
	return new Paragraph({
		alignment: align,
		spacing: { before: (style.before ?? 0) * 20, after: (style.after ?? 6) * 20 },
		indent: style.indent ? { firstLine: style.indent * 20 } : undefined,
		keepNext: style.keepNext,
		children: typeof value === 'string' ? [text(value, style)] : value
	});
}

/** A short centred rule under a heading line, as drawn under the issuer and the motto. */
function rule(indentTwips: number): Paragraph {
	return new Paragraph({
		alignment: AlignmentType.CENTER,
		indent: { left: indentTwips, right: indentTwips },
		border: { top: LINE },
		spacing: { before: 0, after: 120 },
		children: []
	});
}

function plainCell(children: Paragraph[], widthPercent: number): TableCell {
	return new TableCell({ children, width: { size: widthPercent, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
}

export interface HeadingInfo {
	/** The body above the issuer, e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" (optional). */
	parentIssuer?: string | null;
	issuer: string;
	/** "Số: …/BC-BCĐ" */
	number: string;
	place: string | null;
	/** ISO date of the document. */
	date: string;
}

/** The heading: issuer and motto side by side, then the number and the dateline. */
export function nationalHeading(h: HeadingInfo): Table {
	const issuer = [
		...(h.parentIssuer ? [para(h.parentIssuer.toLocaleUpperCase('vi'), { align: 'center', size: 12, after: 0 })] : []),
		para(h.issuer.toLocaleUpperCase('vi'), { align: 'center', bold: true, size: 12, after: 0 }),
		rule(900)
	];
	const motto = [
		para(NATIONAL_NAME, { align: 'center', bold: true, size: 12, after: 0 }),
		para(NATIONAL_MOTTO, { align: 'center', bold: true, size: 13, after: 0 }),
		rule(1300)
	];
	const place = h.place ? `${h.place}, ` : '';
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: NO_BORDERS,
		rows: [
			new TableRow({ children: [plainCell(issuer, 40), plainCell(motto, 60)] }),
			new TableRow({
				children: [
					plainCell([para(h.number, { align: 'center', size: 13 })], 40),
					plainCell([para(`${place}${longVietnameseDate(h.date)}`, { align: 'center', italic: true, size: 13 })], 60)
				]
			})
		]
	});
}

/** The document's kind in capitals ("BÁO CÁO", "BIÊN BẢN") and its subject beneath. */
export function titleBlock(kind: string, subject: string[]): Paragraph[] {
	return [
		para(kind, { align: 'center', bold: true, size: 14, before: 12, after: 0 }),
		...subject.map((line, i) => para(line, { align: 'center', bold: true, size: 14, after: i === subject.length - 1 ? 12 : 0 }))
	];
}

export interface TableColumn {
	header: string;
	/** Percent of the table width. */
	width: number;
	align?: 'left' | 'center';
}

/** A row of a data table: plain cells, or a full-width band (a section heading). */
export type TableRowInput = { cells: string[]; bold?: boolean } | { band: string };

/** A bordered table whose header row repeats on every page; rows do not split across pages. */
export function dataTable(columns: TableColumn[], rows: TableRowInput[], size = 12): Table {
	const cell = (value: string, col: TableColumn, bold: boolean, span = 1) =>
		new TableCell({
			columnSpan: span,
			width: { size: col.width, type: WidthType.PERCENTAGE },
			verticalAlign: VerticalAlign.TOP,
			margins: { top: 40, bottom: 40, left: 80, right: 80 },
			children: value.split('\n').map((line) => para(line, { align: col.align ?? 'left', bold, size, after: 0 }))
		});
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: columns.map(
			(c) =>
				new TableCell({
					width: { size: c.width, type: WidthType.PERCENTAGE },
					verticalAlign: VerticalAlign.CENTER,
					children: [para(c.header, { align: 'center', bold: true, size, after: 0 })]
				})
		)
	});
	const body = rows.map((r) =>
		'band' in r
			? new TableRow({ cantSplit: true, children: [cell(r.band, { header: '', width: 100 }, true, columns.length)] })
			: new TableRow({ cantSplit: true, children: r.cells.map((v, i) => cell(v, columns[i], !!r.bold)) })
	);
	return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] });
}

/** "Nơi nhận" on the left, the signer's capacity and title on the right. */
export function signatureBlock(recipients: string[], capacity: string[], signer: string | null): Table {
	const left = [
		para('Nơi nhận:', { bold: true, italic: true, size: 12, align: 'left', after: 0 }),
		...recipients.map((r) => para(`- ${r};`, { size: 11, align: 'left', after: 0 }))
	];
	const right = [
		...capacity.map((c) => para(c, { bold: true, align: 'center', after: 0 })),
		para('(Ký, ghi rõ họ tên)', { italic: true, align: 'center', size: 12, after: 60 }),
		...(signer ? [para(signer, { bold: true, align: 'center' })] : [])
	];
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: NO_BORDERS,
		rows: [new TableRow({ children: [plainCell(left, 50), plainCell(right, 50)] })]
	});
}

/** An A4 document (portrait unless asked) with administrative margins: 2 cm top/bottom, 3 cm left, 1.5 cm right. */
export async function renderDocx(children: FileChild[], opts: { title: string; landscape?: boolean }): Promise<Buffer> {
	const doc = new Document({
		creator: 'Phối hợp',
		title: opts.title,
		styles: { default: { document: { run: { font: FONT, size: 26 } } } },
		sections: [
			{
				properties: {
					page: {
						size: { orientation: opts.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
						margin: { top: 1134, bottom: 1134, left: 1701, right: 850 }
					}
				},
				children
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** Two signatures side by side (a minutes' secretary and chair), each with its title and name. */
export function twoSignatures(left: { title: string; name: string | null }, right: { title: string; name: string | null }): Table {
	const block = (s: { title: string; name: string | null }) => [
		para(s.title, { bold: true, align: 'center', after: 0 }),
		para('(Ký, ghi rõ họ tên)', { italic: true, align: 'center', size: 12, after: 60 }),
		para(s.name ?? '', { bold: true, align: 'center' })
	];
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: NO_BORDERS,
		// A signature block is never split over two pages.
		rows: [new TableRow({ cantSplit: true, children: [plainCell(block(left), 50), plainCell(block(right), 50)] })]
	});
}
