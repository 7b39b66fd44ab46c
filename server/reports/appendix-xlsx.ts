/**
 * The appendix as an Excel workbook, laid out as the plan printed it (STT, task, lead, support,
 * deadline) plus what the agencies reported (status, progress, category, "Kết quả thực hiện").
 * Ready to print: A4 landscape, one page wide, Times New Roman, wrapped text, the header row
 * repeated on every page. A hidden last column holds card and section ids, so a later import of an
 * edited copy can match its rows to the board.
 */
import ExcelJS from 'exceljs';
import type { BoardSummary } from '../../src/lib/review/board-summary.js';
import { formatDate, localDate } from '../../src/lib/core/dates.js';
import { agencyNames, categoryLabel, planReference, statusLabel } from './labels.js';

export const APPENDIX_COLUMNS = [
	{ header: 'STT', width: 6 },
	{ header: 'Nhiệm vụ', width: 52 },
	{ header: 'Cơ quan chủ trì', width: 22 },
	{ header: 'Cơ quan phối hợp', width: 26 },
	{ header: 'Thời gian hoàn thành', width: 16 },
	{ header: 'Trạng thái', width: 15 },
	{ header: 'Tiến độ (%)', width: 9 },
	{ header: 'Phân loại', width: 17 },
	{ header: 'Kết quả thực hiện', width: 42 },
	{ header: 'Mã thẻ', width: 16 }
] as const;

/** The row of the column headers (1-based); the rows above it hold the title. */
export const HEADER_ROW = 6;
/** The hidden id column: "card:<id>" on task rows, "section:<id>" on section rows. */
export const ID_COLUMN = APPENDIX_COLUMNS.length;

const FONT = 'Times New Roman';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function appendixWorkbook(summary: BoardSummary, opts: { snapshotName?: string } = {}): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Phối hợp';
	wb.created = new Date(summary.takenAt);
	const ws = wb.addWorksheet(summary.appendix.slice(0, 31) || 'Phụ lục', {
		pageSetup: {
			paperSize: 9,
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			horizontalCentered: true,
			margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
			printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`
		},
		headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
		views: [{ state: 'frozen', ySplit: HEADER_ROW }]
	});
	ws.columns = APPENDIX_COLUMNS.map((c, i) => ({ width: c.width, hidden: i + 1 === ID_COLUMN }));
	const lastVisible = ID_COLUMN - 1;

	const titleRow = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
		ws.mergeCells(row, 1, row, lastVisible);
		const cell = ws.getCell(row, 1);
		cell.value = text;
		cell.font = { name: FONT, size: 13, ...font };
		cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	};
	titleRow(1, summary.appendix.toLocaleUpperCase('vi'), { bold: true, size: 14 });
	titleRow(2, summary.plan.title.toLocaleUpperCase('vi'), { bold: true });
	ws.getRow(2).height = 36;
	const issuer = summary.plan.issuer ? ` của ${summary.plan.issuer}` : '';
	titleRow(3, `(Kèm theo ${planReference(summary.plan)}${issuer})`, { italic: true });
	const when = opts.snapshotName ? `${opts.snapshotName} — ` : '';
	titleRow(4, `${when}Số liệu tính đến ngày ${formatDate(summary.asOf)}`, { italic: true, size: 12 });

	const header = ws.getRow(HEADER_ROW);
	APPENDIX_COLUMNS.forEach((c, i) => (header.getCell(i + 1).value = c.header));
	header.height = 32;
	styleRow(header, { bold: true }, 'center');

	const cardsBySection = new Map<string, BoardSummary['cards']>();
	for (const card of summary.cards) {
		const list = cardsBySection.get(card.sectionId) ?? [];
		list.push(card);
		cardsBySection.set(card.sectionId, list);
	}
	const known = new Set(summary.sections.map((s) => s.id));
	const groups = [
		...summary.sections.map((s) => ({ section: s, cards: cardsBySection.get(s.id) ?? [] })),
		{ section: null, cards: summary.cards.filter((c) => !known.has(c.sectionId)) }
	];
	for (const { section, cards } of groups) {
		if (section && (section.code || section.title)) {
			const row = ws.addRow([section.code, section.title]);
			row.getCell(ID_COLUMN).value = `section:${section.id}`;
			ws.mergeCells(row.number, 2, row.number, lastVisible);
			styleRow(row, { bold: true }, 'left');
			row.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
		}
		for (const card of cards) {
			const row = ws.addRow([
				card.stt,
				card.title,
				agencyNames(summary, card.lead),
				agencyNames(summary, card.support),
				card.deadline.raw,
				statusLabel(card.status),
				card.progress,
				categoryLabel(card.category),
				card.result,
				`card:${card.id}`
			]);
			styleRow(row, {}, 'left');
			for (const col of [1, 5, 6, 7, 8]) row.getCell(col).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
			if (card.completedAt) row.getCell(6).note = `Hoàn thành ngày ${formatDate(localDate(card.completedAt))}`;
		}
	}
	return Buffer.from(await wb.xlsx.writeBuffer());
}

function styleRow(row: ExcelJS.Row, font: Partial<ExcelJS.Font>, horizontal: 'left' | 'center') {
	for (let col = 1; col <= ID_COLUMN; col++) {
		const cell = row.getCell(col);
		cell.font = { name: FONT, size: 12, ...font };
		cell.alignment = { horizontal, vertical: horizontal === 'center' ? 'middle' : 'top', wrapText: true };
		if (col < ID_COLUMN) cell.border = BORDER;
	}
}
