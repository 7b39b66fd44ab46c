/**
 * The standing office's list of late agencies: every agency leading a task that is open and past its
 * deadline, with those tasks. Collectives ("Các sở, ngành, địa phương") have no inbox and no one
 * answerable, so they are left out. The reminder's words are chosen here too (đôn đốc), as notes.
 */
import type { BoardSummary } from '../../src/lib/review/board-summary.js';
import { formatDate } from '../../src/lib/core/dates.js';
import type { LateAgency, LateTask } from '../../src/lib/review/api-types.js';
import { note } from '../../src/lib/core/api/notes.js';
import type { InboxText } from './inbox-text.js';

export type { LateAgency, LateTask };

export function lateAgencies(summary: BoardSummary, reminded: Map<string, string> = new Map()): LateAgency[] {
	const by = new Map<string, LateTask[]>();
	for (const c of summary.cards) {
		if (c.category !== 'openOverdue') continue;
		for (const agencyId of c.lead) {
			if (summary.agencies[agencyId]?.isCollective) continue;
			const list = by.get(agencyId) ?? [];
			list.push({ id: c.id, code: c.code, title: c.title, due: c.deadline.due, deadlineRaw: c.deadline.raw });
			by.set(agencyId, list);
		}
	}
	return [...by.entries()]
		.map(([agencyId, tasks]) => ({
			agencyId,
			name: summary.agencies[agencyId]?.name ?? agencyId,
			tasks,
			lastRemindedAt: reminded.get(agencyId) ?? null
		}))
		.sort((a, b) => b.tasks.length - a.tasks.length || a.name.localeCompare(b.name, 'vi'));
}

export function reminderText(boardTitle: string, late: LateAgency, asOf: string): InboxText {
	const count = late.tasks.length;
	const tasks = late.tasks.map((t) => note('inbox_task_deadline', { code: t.code, title: t.title, deadline: t.deadlineRaw || formatDate(t.due) }));
	return {
		title: note('inbox_reminder_title', { count }),
		body: note('inbox_reminder_body', { agency: late.name, date: formatDate(asOf), board: boardTitle, count, tasks })
	};
}
