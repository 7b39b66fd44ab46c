/**
 * Statuses as agencies write them in a returned workbook: the board's Vietnamese labels (as the
 * export prints them), typed with or without diacritics, or the English codes.
 */
import { STATUSES, type Status } from '../../src/lib/core/board-types.js';
import { searchKey } from '../../src/lib/core/text.js';

const BY_KEY = new Map<string, Status>([
	['chua trien khai', 'todo'],
	['chua thuc hien', 'todo'],
	['chua bat dau', 'todo'],
	['dang thuc hien', 'doing'],
	['dang trien khai', 'doing'],
	['vuong mac', 'blocked'],
	['co vuong mac', 'blocked'],
	['hoan thanh', 'done'],
	['da hoan thanh', 'done'],
	...STATUSES.map((s) => [s, s] as [string, Status])
]);

/** The status a cell names; null when it names none (the cell is reported, not guessed). */
export function statusFromLabel(text: string): Status | null {
	return BY_KEY.get(searchKey(text).replace(/[.!]+$/, '')) ?? null;
}

export const STATUS_LABELS: Record<Status, string> = {
	todo: 'Chưa triển khai',
	doing: 'Đang thực hiện',
	blocked: 'Vướng mắc',
	done: 'Hoàn thành'
};
