/**
 * The rows of a returned workbook that belong to the board: found by the column holding the
 * board's card ids (the export's hidden "Mã thẻ" column, or whichever column holds them), with
 * status, progress and "Kết quả thực hiện" found by their headers. Blank cells mean "unchanged".
 */
import type { Status } from '../../src/lib/core/board-types.js';
import { note, type Note } from '../../src/lib/core/api/notes.js';
import { searchKey } from '../../src/lib/core/text.js';
import type { ReturnedSheet, ReturnedWorkbook } from './read-returned.js';
import { statusFromLabel } from './status-labels.js';

export interface ReturnedRow {
	cardId: string;
	/** "«Phụ lục I» hàng 12", as a note the page words. */
	where: Note;
	status: Status | null;
	progress: number | null;
	result: string | null;
	/** Cells that could not be read, as notes the page words. */
	problems: Note[];
}

export interface ReturnedColumns {
	id: number;
	status: number | null;
	progress: number | null;
	result: number | null;
}

export type ReturnedRead = { ok: true; sheet: string; columns: ReturnedColumns; rows: ReturnedRow[] } | { ok: false; detail: 'card_ids' | 'values' };

/** "card:ab12…" as the export writes it, or the bare id. */
export function cardIdOf(text: string): string {
	return text.trim().replace(/^card:/, '');
}

/** Every value that could be a card id, hidden columns first: used to find the board the file is about. */
export function candidateIds(workbook: ReturnedWorkbook): string[] {
	const ids = new Set<string>();
	for (const sheet of workbook.sheets) {
		for (const row of sheet.rows) {
			row.forEach((cell, col) => {
				const id = cardIdOf(cell.text);
				if ((sheet.hiddenColumns.includes(col) || cell.text.startsWith('card:')) && /^[0-9a-z]{6,40}$/.test(id)) ids.add(id);
			});
		}
	}
	return [...ids];
}

export function readReturnedRows(workbook: ReturnedWorkbook, cardIds: Set<string>): ReturnedRead {
	const best = findIdColumn(workbook, cardIds);
	if (!best) return { ok: false, detail: 'card_ids' };
	const { sheet, column: idCol, firstRow } = best;
	const columns = findColumns(sheet, firstRow);
	if (columns.status === null && columns.progress === null && columns.result === null) {
		return { ok: false, detail: 'values' };
	}
	const rows: ReturnedRow[] = [];
	sheet.rows.forEach((row, i) => {
		const cardId = cardIdOf(row[idCol]?.text ?? '');
		if (!cardIds.has(cardId)) return;
		const where = note('where_sheet_row', { sheet: sheet.name, row: i + 1 });
		const problems: Note[] = [];
		let status: Status | null = null;
		let progress: number | null = null;
		let result: string | null = null;
		const statusText = columns.status === null ? '' : (row[columns.status]?.text ?? '').trim();
		if (statusText) {
			status = statusFromLabel(statusText);
			if (!status) problems.push(note('returned_bad_status', { value: statusText }));
		}
		const cell = columns.progress === null ? undefined : row[columns.progress];
		if (cell && cell.text.trim()) {
			progress = readProgress(cell);
			if (progress === null) problems.push(note('returned_bad_progress', { value: cell.text }));
		}
		const resultText = columns.result === null ? '' : (row[columns.result]?.text ?? '').trim();
		if (resultText) result = resultText.normalize('NFC');
		rows.push({ cardId, where, status, progress, result, problems });
	});
	return { ok: true, sheet: sheet.name, columns: { id: idCol, ...columns }, rows };
}

function findIdColumn(workbook: ReturnedWorkbook, cardIds: Set<string>): { sheet: ReturnedSheet; column: number; firstRow: number } | null {
	let best: { sheet: ReturnedSheet; column: number; firstRow: number; count: number; hidden: boolean } | null = null;
	for (const sheet of workbook.sheets) {
		const width = Math.max(0, ...sheet.rows.map((r) => r.length));
		for (let col = 0; col < width; col++) {
			let count = 0;
			let firstRow = -1;
			sheet.rows.forEach((row, i) => {
				if (!cardIds.has(cardIdOf(row[col]?.text ?? ''))) return;
				count++;
				if (firstRow < 0) firstRow = i;
			});
			const hidden = sheet.hiddenColumns.includes(col);
			if (count && (!best || count > best.count || (count === best.count && hidden && !best.hidden))) {
				best = { sheet, column: col, firstRow, count, hidden };
			}
		}
	}
	return best;
}

/** The header row is the nearest row above the first card row that names the columns. */
function findColumns(sheet: ReturnedSheet, firstRow: number): Omit<ReturnedColumns, 'id'> {
	for (let i = firstRow - 1; i >= 0; i--) {
		const keys = sheet.rows[i].map((c) => searchKey(c.text));
		const status = indexOf(keys, (k) => /\btrang thai\b/.test(k));
		// "Tiến độ (%)" is progress; "Tiến độ hoàn thành" in plans is a deadline, so a bare name needs the "%".
		const progress = indexOf(keys, (k) => /^(tien do|ty le|ti le|muc do)\b/.test(k) && (k.includes('%') || k === 'tien do'));
		const result = indexOf(keys, (k) => /^ket qua( thuc hien)?\b/.test(k));
		if (status !== null || progress !== null || result !== null) return { status, progress, result };
	}
	return { status: null, progress: null, result: null };
}

function indexOf(keys: string[], test: (k: string) => boolean): number | null {
	const i = keys.findIndex(test);
	return i < 0 ? null : i;
}

/** 50, "50", "50%", "50,5" or 0.5 in a cell formatted as a percentage. */
function readProgress(cell: { text: string; number: number | null; percent: boolean }): number | null {
	let n = cell.number;
	if (n !== null && cell.percent) n *= 100;
	if (n === null) {
		const m = cell.text.trim().match(/^(\d{1,3}(?:[.,]\d+)?)\s*%?$/);
		n = m ? Number(m[1].replace(',', '.')) : null;
	}
	if (n === null || !Number.isFinite(n) || n < 0 || n > 100) return null;
	return Math.round(n);
}
