/**
 * A plan file of any kind (text, Word, Excel) to a ParsedPlan: the file's text form goes through
 * the one plan parser, and what the file reader noticed (a table it could not read) joins the
 * parser's warnings.
 */
import type { ParsedPlan } from '../../src/lib/core/parsed-plan.js';
import { refusals } from './import-refusal.js';
import { parsePlan, type ParseOptions } from './parse-plan.js';
import { readSourceBytes, type PlanSource } from './read-source.js';

export interface ParsedSource {
	source: PlanSource;
	parsed: ParsedPlan;
}

export function parsePlanSource(source: PlanSource, opts: ParseOptions = {}): ParsedPlan {
	const parsed = parsePlan(source.text, opts);
	if (!source.notes.length) return parsed;
	const warnings = [...parsed.warnings, ...source.notes].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
	return { ...parsed, warnings };
}

export async function parsePlanBytes(bytes: Uint8Array, fileName: string, opts: ParseOptions = {}): Promise<ParsedSource> {
	const source = await readSourceBytes(bytes, fileName);
	return { source, parsed: parsePlanSource(source, opts) };
}

/**
 * An upload that yields no task at all is refused rather than previewed empty: a table whose
 * header was not recognised says so, anything else is not a plan.
 */
export function refuseIfNoTasks({ source, parsed }: ParsedSource): void {
	const tasks = parsed.appendices.some((a) => a.kind === 'tasks' && a.sections.some((s) => s.tasks.length));
	if (tasks) return;
	if (source.unrecognisedTables > 0) throw refusals.noHeader();
	throw refusals.notAPlan();
}
