import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedPlan, TaskSection, TasksAppendix, AssignmentsAppendix } from '../../../src/lib/core/parsed-plan.js';
import { parsePlan } from '../../../server/import/parse-plan.js';

/** The real plans the importer is specified against (copies of the shared originals). */
export const SEED_PLANS = {
	canTho2026: 'can-tho-2026-bcd-ktt.txt',
	dongNai2026: 'dong-nai-2026-ktt.txt',
	canTho219: 'can-tho-219-kh-ubnd-2023.txt',
	haNoi2026: 'ha-noi-2026-ktt-htx.txt'
} as const;

export const seedPath = (file: string) => path.resolve(import.meta.dirname, '../../../seeds/plans', file);

export function readSeed(file: string): string {
	return readFileSync(seedPath(file), 'utf8');
}

export function parseSeed(file: string): ParsedPlan {
	return parsePlan(readSeed(file), { fallbackYear: 2026 });
}

export function tasksAppendix(plan: ParsedPlan): TasksAppendix {
	const found = plan.appendices.find((a): a is TasksAppendix => a.kind === 'tasks');
	if (!found) throw new Error('no tasks appendix');
	return found;
}

export function assignmentsAppendix(plan: ParsedPlan): AssignmentsAppendix {
	const found = plan.appendices.find((a): a is AssignmentsAppendix => a.kind === 'assignments');
	if (!found) throw new Error('no assignments appendix');
	return found;
}

export function section(plan: ParsedPlan, code: string): TaskSection {
	const found = tasksAppendix(plan).sections.find((s) => s.code === code);
	if (!found) throw new Error(`no section ${code}`);
	return found;
}

export function task(plan: ParsedPlan, code: string, stt: string) {
	const found = section(plan, code).tasks.find((t) => t.stt === stt);
	if (!found) throw new Error(`no task ${code}.${stt}`);
	return found;
}

export function allTasks(plan: ParsedPlan) {
	return tasksAppendix(plan).sections.flatMap((s) => s.tasks);
}
