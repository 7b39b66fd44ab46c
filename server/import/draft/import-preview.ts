/**
 * What the admin sees before "Tạo bảng": the plan's sections and tasks as read (with the fixes
 * made so far), the agencies it names (new ones with the existing agencies they might be), the
 * deadlines as understood, and every warning next to the row it is about.
 */
import type { ParsedTask, ParseWarning } from '../../../src/lib/core/parsed-plan.js';
import { note, type Note } from '../../../src/lib/core/api/notes.js';
import { isCollective } from '../../../src/lib/core/agency.js';
import { findExisting, suggestAgencies, type AgencyDirectory } from './agency-matches.js';
import { taskKey, workingPlan, type ImportDraft, type WorkingPlan } from './import-draft.js';
import type { ImportPreview, PreviewAgency, PreviewAppendix, PreviewSection, PreviewTask, PreviewWarning } from '../../../src/lib/core/api/import.js';

export type { ImportPreview, PreviewAgency, PreviewAppendix, PreviewSection, PreviewTask, PreviewWarning };

export function buildPreview(draftId: string, draft: ImportDraft, dir: AgencyDirectory): ImportPreview {
	const w = workingPlan(draft);
	// A text plan's line numbers mean something to its reader; a Word or Excel file's are shown by their row labels only.
	const where = (line: number | null): Note | null => {
		if (line === null) return null;
		const label = draft.labels[line];
		if (label === undefined) return draft.kind === 'text' ? note('where_line', { line }) : null;
		return typeof label === 'string' ? verbatim(label) : label;
	};
	const attached = new Set<number>();
	// Warning indexes by the line they are about.
	const warningsAt = new Map<number, number[]>();
	for (const [i, warning] of draft.parsed.warnings.entries()) {
		if (warning.line !== null) warningsAt.set(warning.line, [...(warningsAt.get(warning.line) ?? []), i]);
	}

	const appendices: PreviewAppendix[] = w.plan.appendices.map((a, ai) => {
		if (a.kind === 'assignments') {
			return { index: ai, kind: 'assignments', title: a.title, members: a.members.length, areas: a.members.reduce((n, m) => n + m.areas.length, 0) };
		}
		const lines = draft.taskLines[ai];
		const sections = a.sections.map((s, si) => ({
			index: si,
			code: s.code,
			title: s.title,
			tasks: s.tasks.map((t, ti): PreviewTask => {
				const key = taskKey({ appendix: ai, section: si, task: ti });
				const taskLineList = lines?.[si]?.[ti] ?? [];
				const edited = [...(w.edited.get(key) ?? [])];
				const original = taskLineList.flatMap((line) => warningsAt.get(line) ?? []);
				original.forEach((i) => attached.add(i));
				return {
					index: ti,
					stt: t.stt,
					title: t.title,
					leadRaw: t.leadRaw,
					supportRaw: t.supportRaw,
					lead: t.lead,
					support: t.support,
					output: t.output,
					deadline: t.deadline,
					dropped: w.droppedTasks.has(key),
					edited,
					where: where(taskLineList[0] ?? null),
					// A row fixed by hand is checked again; the parser's notes on it no longer hold.
					warnings: edited.length ? liveChecks(t) : original.map((i) => warningNote(draft.parsed.warnings[i]))
				};
			})
		}));
		return { index: ai, kind: 'tasks', title: a.title, derived: a.derived, dropped: w.droppedAppendices.has(ai), sections };
	});

	const agencies = agencyList(w, dir);
	const kept = appendices.filter((a): a is Extract<PreviewAppendix, { kind: 'tasks' }> => a.kind === 'tasks' && !a.dropped);
	const tasks = kept.reduce((n, a) => n + a.sections.reduce((m, s) => m + s.tasks.filter((t) => !t.dropped).length, 0), 0);
	return {
		draftId,
		fileName: draft.fileName,
		kind: draft.kind,
		plan: w.plan.plan,
		appendices,
		agencies,
		warnings: draft.parsed.warnings
			.filter((_, i) => !attached.has(i))
			.map((wn) => ({
				...warningNote(wn),
				line: wn.line,
				where: where(wn.line),
				excerpt: wn.line === null ? null : (draft.excerpts[wn.line] ?? null)
			})),
		indicators: w.plan.indicators.length,
		reports: w.plan.reports.length,
		counts: {
			boards: kept.filter((a) => a.sections.some((s) => s.tasks.some((t) => !t.dropped))).length,
			tasks,
			newAgencies: agencies.filter((a) => !a.existing && !a.mergedInto).length
		}
	};
}

/** What the parser would say of a row as it now reads. */
function liveChecks(t: ParsedTask): Note[] {
	const out: Note[] = [];
	if (!t.title) out.push(note('task_empty_title'));
	if (!t.lead.length) out.push(note('task_no_lead'));
	if (t.deadline.kind === 'unknown')
		out.push(t.deadline.raw ? note('task_deadline_unclear', { deadline: t.deadline.raw }) : note('task_no_deadline'));
	return out;
}

/** A warning's note; a draft stored before warnings had codes has only the Vietnamese text, shown as written. */
function warningNote(w: ParseWarning): Note {
	return w.code ? note(w.code, w.params) : verbatim(w.message);
}

function verbatim(text: string): Note {
	return note('text', { text });
}

function agencyList(w: WorkingPlan, dir: AgencyDirectory): PreviewAgency[] {
	const uses = new Map<string, number>();
	w.plan.appendices.forEach((a, ai) => {
		if (a.kind !== 'tasks' || w.droppedAppendices.has(ai)) return;
		a.sections.forEach((s, si) =>
			s.tasks.forEach((t, ti) => {
				if (w.droppedTasks.has(taskKey({ appendix: ai, section: si, task: ti }))) return;
				for (const name of new Set([...t.lead, ...t.support])) uses.set(name, (uses.get(name) ?? 0) + 1);
			})
		);
	});
	return [...uses.entries()]
		.map(([name, tasks]) => {
			const existing = findExisting(dir, name);
			const merged = w.merges.get(name);
			return {
				name,
				collective: isCollective(name),
				existing,
				mergedInto: !existing && merged ? (dir.byId.get(merged) ?? null) : null,
				suggestions: existing ? [] : suggestAgencies(dir, name),
				tasks
			};
		})
		.sort((a, b) => Number(!!a.existing) - Number(!!b.existing) || a.name.localeCompare(b.name, 'vi'));
}
