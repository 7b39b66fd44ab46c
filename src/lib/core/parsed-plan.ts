/**
 * What the plan importer produces from one plan document. This shape is a contract:
 * the importer's tests, the persistence step and tools outside this repository all read it.
 * All text is NFC. Dates are ISO "YYYY-MM-DD".
 */
import type { Note } from './api/notes.js';

export type DeadlineKind = 'date' | 'quarter' | 'year' | 'recurring' | 'done' | 'unknown';

export interface Deadline {
	/** The deadline exactly as printed (empty when the plan gives none). */
	raw: string;
	kind: DeadlineKind;
	due: string | null;
}

export interface PlanHeader {
	/** Document number with its symbol, e.g. "219/KH-UBND"; null when the number is left blank. */
	number: string | null;
	/** "Kế hoạch", "Quyết định", ... */
	docType: string | null;
	title: string;
	issuer: string | null;
	place: string | null;
	date: string | null;
	/** The year the plan is for: from its date line, else its title, else its text. */
	year: number;
}

export interface ParsedTask {
	stt: string;
	title: string;
	/** Current canonical agency names (collectives keep their group name). */
	lead: string[];
	support: string[];
	/** The cells as printed. */
	leadRaw: string;
	supportRaw: string;
	output: string | null;
	deadline: Deadline;
}

export interface TaskSection {
	code: string;
	title: string;
	tasks: ParsedTask[];
}

export interface TasksAppendix {
	kind: 'tasks';
	title: string;
	/** True when there was no task table and the tasks were read from agency-duty prose. */
	derived: boolean;
	sections: TaskSection[];
}

export interface Member {
	stt: string;
	name: string;
	position: string;
	areas: string[];
}

export interface AssignmentsAppendix {
	kind: 'assignments';
	title: string;
	members: Member[];
}

export type Appendix = TasksAppendix | AssignmentsAppendix;

export type Comparator = 'eq' | 'gte' | 'gt' | 'about' | 'range';

export interface Target {
	value: number;
	/** Upper bound, for ranges ("05-06 mô hình"). */
	max: number | null;
	unit: string | null;
	comparator: Comparator;
}

export interface Indicator {
	/** The item letter ("a", "đ") when the plan letters its targets. */
	code: string | null;
	text: string;
	targets: Target[];
}

export type ReportRecurrence = 'half-year' | 'year';

export interface ReportDuty {
	text: string;
	due: string | null;
	recurrence: ReportRecurrence | null;
	/** Canonical name of the agency the report is sent to. */
	to: string | null;
}

/**
 * A warning about a line of the source text: a note (`code` and `params`, worded by the message
 * catalogue, src/lib/i18n/notes.ts) and `message`, the catalogue's Vietnamese wording of it for tools
 * and the command line. The import preview sends the code; the interface words it in its language.
 */
export interface ParseWarning extends Note {
	/** 1-based line in the source text. */
	line: number | null;
	/** Short, in Vietnamese. */
	message: string;
}

export interface ParsedPlan {
	plan: PlanHeader;
	appendices: Appendix[];
	indicators: Indicator[];
	reports: ReportDuty[];
	warnings: ParseWarning[];
}
