import { searchKey } from '../../src/lib/core/text.js';
import type { SourceLine } from './source-lines.js';
import type { Warnings } from './warnings.js';

export type TaskColumn = 'stt' | 'title' | 'lead' | 'support' | 'deadline' | 'output';
export type MemberColumn = 'stt' | 'name' | 'position' | 'areas';

export interface TableRow {
	line: number;
	cells: string[];
}

export type AppendixTable =
	| { kind: 'tasks'; title: string; line: number; columns: Partial<Record<TaskColumn, number>>; rows: TableRow[] }
	| { kind: 'assignments'; title: string; line: number; columns: Partial<Record<MemberColumn, number>>; rows: TableRow[] };

/**
 * Finds the tab-separated tables and groups their rows per appendix. A header row printed
 * again at a page break continues the same table; a "Phụ lục" heading starts a new one.
 */
export function findTables(lines: SourceLine[], warnings: Warnings): AppendixTable[] {
	const tables: AppendixTable[] = [];
	let current: AppendixTable | null = null;
	let headerKey = '';
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (!line.cells) {
			if (current && isAppendixHeading(line.text)) current = null;
			continue;
		}
		if (isHeaderRow(line.cells)) {
			const key = line.cells.map(searchKey).join('\t');
			if (current && key === headerKey) continue;
			current = newTable(lines, i, warnings);
			headerKey = key;
			if (current) tables.push(current);
			continue;
		}
		if (current) current.rows.push({ line: line.no, cells: line.cells });
		else warnings.add(line.no, 'plan_row_without_header');
	}
	return tables;
}

function isHeaderRow(cells: string[]): boolean {
	return cells.length >= 3 && /^(stt|tt|so tt)$/.test(searchKey(cells[0]));
}

function isAppendixHeading(text: string): boolean {
	return /^phu luc\b/.test(searchKey(text));
}

function newTable(lines: SourceLine[], headerIndex: number, warnings: Warnings): AppendixTable | null {
	const header = lines[headerIndex];
	const cells = header.cells ?? [];
	const keys = cells.map(searchKey);
	const find = (re: RegExp) => {
		const i = keys.findIndex((k) => re.test(k));
		return i < 0 ? undefined : i;
	};
	const stt = 0;
	const name = find(/\bho (va )?ten\b/);
	const areas = find(/\bdia ban\b/);
	if (name !== undefined && areas !== undefined) {
		const columns = { stt, name, areas, position: find(/\bchuc (danh|vu)\b/) };
		return { kind: 'assignments', title: appendixTitle(lines, headerIndex, 'Phân công địa bàn', warnings), line: header.no, columns, rows: [] };
	}
	// Ordered checks: "Cơ quan chủ trì thực hiện" names the lead column, not the task column.
	const lead = find(/\bchu tri\b/);
	const support = find(/\bphoi hop\b/);
	const deadline = find(/\b(thoi gian|thoi han|han hoan thanh|tien do)\b/);
	const output = find(/\b(san pham|ket qua)\b/);
	const taken = new Set([stt, lead, support, deadline, output]);
	const title = keys.findIndex((k, i) => !taken.has(i) && /\b(nhiem vu|noi dung|de an|hoat dong|cong viec)\b/.test(k));
	if (lead === undefined || title < 0) {
		warnings.add(header.no, 'plan_table_without_columns', { header: cells.join(' | ') });
		return null;
	}
	const columns = { stt, title, lead, support, deadline, output };
	return { kind: 'tasks', title: appendixTitle(lines, headerIndex, 'Danh mục nhiệm vụ', warnings), line: header.no, columns, rows: [] };
}

/**
 * The appendix title is printed above the table: "Phụ lục I" then its name in capitals,
 * then "(Kèm theo …)". Looks back a few lines for it.
 */
function appendixTitle(lines: SourceLine[], headerIndex: number, fallback: string, warnings: Warnings): string {
	const above: string[] = [];
	for (let i = headerIndex - 1; i >= 0 && headerIndex - i <= 10; i--) {
		const line = lines[i];
		if (line.cells) break;
		if (!line.text || line.text.startsWith('(')) continue;
		above.unshift(line.text);
		if (isAppendixHeading(line.text)) {
			const [label, ...name] = above;
			return name.length ? `${label}: ${name.join(' ')}` : label;
		}
	}
	warnings.add(lines[headerIndex].no, 'plan_appendix_untitled', { title: fallback });
	return fallback;
}
