/**
 * Which lines of the source each task of a table was read from, so the preview can put every
 * warning next to its row. The grouping follows the task table reader (task-table.ts): a Roman
 * STT opens a section, a row with an STT (or with a task and a lead) opens a task, any other row
 * continues the task above.
 */
import type { ParsedPlan } from '../../../src/lib/core/parsed-plan.js';
import { findTables, type AppendixTable } from '../appendix-tables.js';
import { toLines } from '../source-lines.js';
import { Warnings } from '../warnings.js';

/** Per appendix (null when not read from a table), per section, per task: its lines. */
export type TaskLines = Array<number[][][] | null>;

const ROMAN = /^[IVXL]+$/;

export function taskLines(text: string, parsed: ParsedPlan): TaskLines {
	const tables = findTables(toLines(text), new Warnings());
	let next = 0;
	return parsed.appendices.map((appendix) => {
		if (appendix.kind === 'tasks' && appendix.derived) return null;
		const table = tables[next++];
		if (!table || table.kind !== 'tasks' || appendix.kind !== 'tasks') return null;
		const grouped = groupRows(table);
		// Only trusted when it agrees with what the parser read.
		const same = grouped.length === appendix.sections.length && grouped.every((s, i) => s.length === appendix.sections[i].tasks.length);
		return same ? grouped : null;
	});
}

function groupRows(table: Extract<AppendixTable, { kind: 'tasks' }>): number[][][] {
	const cell = (cells: string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
	const sections: number[][][] = [];
	for (const row of table.rows) {
		const stt = cell(row.cells, table.columns.stt).replace(/\.$/, '');
		if (ROMAN.test(stt)) {
			sections.push([]);
			continue;
		}
		if (!sections.length) sections.push([]);
		const tasks = sections[sections.length - 1];
		const opensTask = stt || (cell(row.cells, table.columns.title) && cell(row.cells, table.columns.lead));
		if (opensTask) tasks.push([row.line]);
		else tasks[tasks.length - 1]?.push(row.line);
	}
	return sections;
}
