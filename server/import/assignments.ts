import type { AssignmentsAppendix, Member } from '../../src/lib/core/parsed-plan.js';
import type { AppendixTable, MemberColumn, TableRow } from './appendix-tables.js';
import type { Warnings } from './warnings.js';

type MemberTable = Extract<AppendixTable, { kind: 'assignments' }>;

/**
 * The members-and-areas appendix: one row per committee member with the communes/wards
 * they follow. A row without STT continues the member above (page break).
 */
export function readAssignments(table: MemberTable, warnings: Warnings): AssignmentsAppendix {
	const members: Member[] = [];
	const cell = (row: TableRow, col: MemberColumn) => {
		const i = table.columns[col];
		return i === undefined ? '' : (row.cells[i] ?? '');
	};
	for (const row of table.rows) {
		const stt = cell(row, 'stt').replace(/\.$/, '');
		const areas = splitAreas(cell(row, 'areas'));
		const previous = members[members.length - 1];
		if (stt) {
			members.push({ stt, name: cell(row, 'name'), position: cell(row, 'position'), areas });
			if (!areas.length) warnings.add(row.line, 'plan_member_no_areas', { stt });
		} else if (previous) {
			const position = cell(row, 'position');
			if (position) previous.position = `${previous.position} ${position}`.trim();
			previous.areas.push(...areas);
			warnings.add(row.line, 'plan_member_row_joined', { stt: previous.stt });
		} else {
			warnings.add(row.line, 'plan_member_row_orphan');
		}
	}
	return { kind: 'assignments', title: table.title, members };
}

function splitAreas(cell: string): string[] {
	return cell
		.split(/[,;]/)
		.map((a) => a.trim().replace(/\.$/, ''))
		.filter(Boolean);
}
