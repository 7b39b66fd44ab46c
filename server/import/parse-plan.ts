import type { Appendix, ParsedPlan } from '../../src/lib/core/parsed-plan.js';
import { readAssignments } from './assignments.js';
import { findTables } from './appendix-tables.js';
import { deriveTasks } from './derived-tasks.js';
import { readIndicators } from './indicators.js';
import { toBlocks, toParts } from './outline.js';
import { parseHeader } from './plan-header.js';
import { readSourceFile } from './read-source.js';
import { readReports } from './reports.js';
import { toLines, toParagraphs } from './source-lines.js';
import { readTaskTable } from './task-table.js';
import { Warnings } from './warnings.js';

export interface ParseOptions {
	/** Year used when the document names none (defaults to the current year). */
	fallbackYear?: number;
}

/**
 * Reads a plan's text into a ParsedPlan. Never throws: whatever cannot be read becomes a
 * warning, so a person can look at it.
 */
export function parsePlan(text: string, opts: ParseOptions = {}): ParsedPlan {
	const warnings = new Warnings();
	try {
		return parse(text, opts, warnings);
	} catch (e) {
		// A bug must not cost the user their import: report it and return what is safe.
		warnings.add(null, 'plan_internal_error', { error: (e as Error).message });
		return {
			plan: { number: null, docType: null, title: '', issuer: null, place: null, date: null, year: opts.fallbackYear ?? new Date().getFullYear() },
			appendices: [],
			indicators: [],
			reports: [],
			warnings: warnings.list
		};
	}
}

/** Reads and parses a plan file; throws ImportError when the file is missing, empty or not text. */
export async function parsePlanFile(path: string, opts: ParseOptions = {}): Promise<ParsedPlan> {
	return parsePlan(await readSourceFile(path), opts);
}

function parse(text: string, opts: ParseOptions, warnings: Warnings): ParsedPlan {
	const lines = toLines(text);
	const paragraphs = toParagraphs(lines);
	const blocks = toBlocks(paragraphs);
	const plan = parseHeader(lines, paragraphs, warnings, opts);

	const appendices: Appendix[] = findTables(lines, warnings).map((table) =>
		table.kind === 'tasks' ? readTaskTable(table, plan.year, warnings) : readAssignments(table, warnings)
	);
	// Without a task table, the agencies' duties in the prose are the plan's tasks.
	if (!appendices.some((a) => a.kind === 'tasks')) {
		const derived = deriveTasks(toParts(blocks), plan.year, warnings);
		if (derived) appendices.unshift(derived);
		else warnings.add(null, 'plan_no_tasks');
	}

	return {
		plan,
		appendices,
		indicators: readIndicators(blocks, warnings),
		reports: readReports(paragraphs, plan, warnings),
		warnings: [...warnings.list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
	};
}
