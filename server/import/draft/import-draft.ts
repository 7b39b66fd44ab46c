/**
 * An import waiting for the admin's confirmation: the plan as parsed, and the fixes made to it in
 * the preview (a cell corrected, a row dropped, a derived task list not wanted, an agency merged
 * into an existing one). Fixes are kept as a list and replayed on the parsed plan, so the preview
 * and the boards created always agree, and a fix can be undone.
 */
import type { Appendix, ParsedPlan, ParsedTask, TasksAppendix } from '../../../src/lib/core/parsed-plan.js';
import type { Note } from '../../../src/lib/core/api/notes.js';
import { parseDeadline } from '../../../src/lib/core/deadline.js';
import { collapseSpaces, nfc } from '../../../src/lib/core/text.js';
import { agenciesOf } from '../agency-cells.js';
import type { SourceKind } from '../source-kind.js';
import type { TaskLines } from './task-lines.js';
import { Warnings } from '../warnings.js';

export { EDITABLE_FIELDS, type DraftEdit, type EditableField, type TaskRef } from '../../../src/lib/core/api/import.js';
import type { DraftEdit, EditableField, TaskRef } from '../../../src/lib/core/api/import.js';

export interface ImportDraft {
	/** The importing administrator's organization: the plan goes there, its agencies are matched there. */
	orgId: string;
	fileName: string;
	kind: SourceKind;
	sourceText: string;
	/** Where each line came from in the file (a note; the text itself in drafts stored before notes had codes). */
	labels: Record<number, Note | string>;
	parsed: ParsedPlan;
	taskLines: TaskLines;
	/** Source line of each warning, shortened, by line number. */
	excerpts: Record<number, string>;
	edits: DraftEdit[];
}

/** The draft with its fixes applied; dropped rows are still there, flagged, so indexes stay stable. */
export interface WorkingPlan {
	plan: ParsedPlan;
	droppedTasks: Set<string>;
	droppedAppendices: Set<number>;
	/** Fields fixed by hand, per task key. */
	edited: Map<string, Set<EditableField>>;
	/** Agency name as the plan gives it → id of the existing agency it is merged into. */
	merges: Map<string, string>;
}

export const taskKey = (r: TaskRef) => `${r.appendix}.${r.section}.${r.task}`;

export function workingPlan(draft: ImportDraft): WorkingPlan {
	const working: WorkingPlan = {
		plan: structuredClone(draft.parsed),
		droppedTasks: new Set(),
		droppedAppendices: new Set(),
		edited: new Map(),
		merges: new Map()
	};
	if (!working.plan.plan.title) working.plan.plan.title = titleFromFileName(draft.fileName);
	for (const edit of draft.edits) applyEdit(working, edit);
	return working;
}

function applyEdit(w: WorkingPlan, edit: DraftEdit): void {
	switch (edit.op) {
		case 'setTitle':
			w.plan.plan.title = clean(edit.value) || w.plan.plan.title;
			return;
		case 'dropAppendix':
			if (edit.dropped) w.droppedAppendices.add(edit.appendix);
			else w.droppedAppendices.delete(edit.appendix);
			return;
		case 'dropTask':
			if (edit.dropped) w.droppedTasks.add(taskKey(edit.task));
			else w.droppedTasks.delete(taskKey(edit.task));
			return;
		case 'mergeAgency':
			if (edit.agencyId) w.merges.set(edit.name, edit.agencyId);
			else w.merges.delete(edit.name);
			return;
		case 'setCell': {
			const task = taskAt(w.plan, edit.task);
			if (!task) return;
			setCell(task, edit.field, clean(edit.value), w.plan.plan.year);
			const key = taskKey(edit.task);
			w.edited.set(key, (w.edited.get(key) ?? new Set()).add(edit.field));
		}
	}
}

/** The agencies and the deadline are read from the fixed text exactly as from a plan's cell. */
function setCell(task: ParsedTask, field: EditableField, value: string, year: number): void {
	if (field === 'lead' || field === 'support') {
		task[`${field}Raw`] = value;
		task[field] = agenciesOf(value, null, new Warnings());
	} else if (field === 'deadline') {
		task.deadline = parseDeadline(value, year);
	} else if (field === 'output') {
		task.output = value || null;
	} else {
		task[field] = value;
	}
}

export function taskAt(plan: ParsedPlan, r: TaskRef): ParsedTask | null {
	const appendix = plan.appendices[r.appendix];
	if (!appendix || appendix.kind !== 'tasks') return null;
	return appendix.sections[r.section]?.tasks[r.task] ?? null;
}

/**
 * Checks an edit (already of a valid shape, EditsBody) against this plan: the `bad_edit` detail
 * (an error catalogue variant) when it cannot be applied, null when it is fine.
 */
export function invalidEdit(plan: ParsedPlan, e: DraftEdit): BadEditDetail | null {
	switch (e.op) {
		case 'setTitle':
			return clean(e.value) ? null : 'value';
		case 'dropAppendix':
			return plan.appendices[e.appendix]?.kind === 'tasks' ? null : 'no_list';
		case 'dropTask':
			return taskAt(plan, e.task) ? null : 'no_task';
		case 'setCell':
			if (!taskAt(plan, e.task)) return 'no_task';
			if ((e.field === 'title' || e.field === 'lead') && !clean(e.value)) return 'empty';
			return null;
		case 'mergeAgency':
			return null;
	}
}

export type BadEditDetail = 'value' | 'no_list' | 'no_task' | 'empty';

/**
 * The plan to create: dropped rows and unwanted task lists left out, merged agencies renamed to
 * the existing agency (so the importer finds it), sections left empty removed.
 */
export function planToCreate(w: WorkingPlan, mergedNames: Map<string, string>): ParsedPlan {
	const rename = (names: string[]) => [...new Set(names.map((n) => mergedNames.get(n) ?? n))];
	const appendices = w.plan.appendices.flatMap((a, ai): Appendix[] => {
		if (a.kind !== 'tasks') return [a];
		if (w.droppedAppendices.has(ai)) return [];
		const sections = a.sections
			.map((s, si) => ({
				...s,
				tasks: s.tasks
					.filter((_, ti) => !w.droppedTasks.has(taskKey({ appendix: ai, section: si, task: ti })))
					.map((t) => ({ ...t, lead: rename(t.lead), support: rename(t.support) }))
			}))
			.filter((s) => s.tasks.length);
		return sections.length ? [{ ...a, sections } satisfies TasksAppendix] : [];
	});
	return { ...w.plan, appendices };
}

function clean(value: string): string {
	return collapseSpaces(nfc(value).replace(/\s+/g, ' '));
}

function titleFromFileName(name: string): string {
	return clean(name.replace(/\.[a-z0-9]+$/i, '').replace(/[_-]+/g, ' ')) || 'Kế hoạch';
}
