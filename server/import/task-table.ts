import type { ParsedTask, TaskSection, TasksAppendix } from '../../src/lib/core/parsed-plan.js';
import { parseDeadline } from '../../src/lib/core/deadline.js';
import { agenciesOf } from './agency-cells.js';
import type { AppendixTable, TableRow, TaskColumn } from './appendix-tables.js';
import type { Warnings } from './warnings.js';

type TaskTable = Extract<AppendixTable, { kind: 'tasks' }>;

/** A task row as printed, before its cells are interpreted. */
interface RawTask {
	line: number;
	stt: string;
	title: string;
	lead: string;
	support: string;
	output: string;
	deadline: string;
}

interface RawSection {
	code: string;
	title: string;
	tasks: RawTask[];
}

const ROMAN = /^[IVXL]+$/;

/**
 * Rows become sections (Roman STT) and tasks (numbered STT). Rows without STT are either a
 * task printed without its number (it names a lead agency) or the rest of the previous task
 * cut by a page break (it does not); both are reported as warnings.
 */
export function readTaskTable(table: TaskTable, planYear: number, warnings: Warnings): TasksAppendix {
	const sections: RawSection[] = [];
	const cell = (row: TableRow, col: TaskColumn) => {
		const i = table.columns[col];
		return i === undefined ? '' : (row.cells[i] ?? '');
	};
	for (const row of table.rows) {
		const stt = cell(row, 'stt').replace(/\.$/, '');
		const fields = {
			title: cell(row, 'title'),
			lead: cell(row, 'lead'),
			support: cell(row, 'support'),
			output: cell(row, 'output'),
			deadline: cell(row, 'deadline')
		};
		if (ROMAN.test(stt)) {
			sections.push({ code: stt, title: fields.title, tasks: [] });
			continue;
		}
		if (!sections.length) sections.push({ code: '', title: '', tasks: [] });
		const section = sections[sections.length - 1];
		const previous = section.tasks[section.tasks.length - 1];
		if (stt) {
			section.tasks.push({ line: row.line, stt, ...fields });
		} else if (fields.title && fields.lead) {
			const inferred = nextNumber(previous?.stt);
			section.tasks.push({ line: row.line, stt: inferred, ...fields });
			warnings.add(row.line, 'plan_task_number_inferred', { task: label(section.code, inferred) });
		} else if (previous) {
			for (const key of Object.keys(fields) as Array<keyof typeof fields>) {
				if (fields[key]) previous[key] = previous[key] ? `${previous[key]} ${fields[key]}` : fields[key];
			}
			warnings.add(row.line, 'plan_task_row_joined', { task: label(section.code, previous.stt) });
		} else {
			warnings.add(row.line, 'plan_task_row_orphan');
		}
	}
	return {
		kind: 'tasks',
		title: table.title,
		derived: false,
		sections: sections.map((s) => finishSection(s, table, planYear, warnings))
	};
}

function finishSection(section: RawSection, table: TaskTable, planYear: number, warnings: Warnings): TaskSection {
	checkNumbering(section, warnings);
	const tasks = section.tasks.map((raw): ParsedTask => {
		const where = label(section.code, raw.stt);
		const lead = agenciesOf(raw.lead, raw.line, warnings);
		if (!lead.length) warnings.add(raw.line, 'plan_task_no_lead', { task: where });
		const deadline = parseDeadline(raw.deadline, planYear);
		if (table.columns.deadline !== undefined && deadline.kind === 'unknown') {
			if (deadline.raw) warnings.add(raw.line, 'plan_task_deadline_unclear', { deadline: deadline.raw, task: where });
			else warnings.add(raw.line, 'plan_task_no_deadline', { task: where });
		}
		return {
			stt: raw.stt,
			title: raw.title,
			lead,
			support: agenciesOf(raw.support, raw.line, warnings),
			leadRaw: raw.lead,
			supportRaw: raw.support,
			output: raw.output || null,
			deadline
		};
	});
	return { code: section.code, title: section.title, tasks };
}

function checkNumbering(section: RawSection, warnings: Warnings): void {
	let previous: number | null = null;
	for (const task of section.tasks) {
		const n = /^\d+$/.test(task.stt) ? Number(task.stt) : null;
		if (n !== null && previous !== null && n !== previous + 1) {
			if (section.code) warnings.add(task.line, 'plan_numbering_gap', { from: previous, to: n, section: section.code });
			else warnings.add(task.line, 'plan_numbering_gap_unnamed', { from: previous, to: n });
		}
		previous = n;
	}
}

function nextNumber(stt: string | undefined): string {
	if (stt === undefined) return '1';
	return /^\d+$/.test(stt) ? String(Number(stt) + 1) : `${stt}+`;
}

function label(sectionCode: string, stt: string): string {
	return sectionCode ? `${sectionCode}.${stt}` : stt;
}
