/**
 * Importing a plan over HTTP (/api/import): the edits the preview sends (schemas) and the shapes of
 * the preview and of the summary of the boards created. The server builds them; the import page reads them.
 */
import * as v from 'valibot';
import type { Deadline, PlanHeader } from '../parsed-plan.js';
import type { Note } from './notes.js';

/** What a file was read as. */
export type SourceKind = 'docx' | 'xlsx' | 'pdf' | 'doc' | 'text' | 'markdown' | 'html' | 'csv';

/** An agency of the organization. */
export interface KnownAgency {
	id: string;
	name: string;
}

export const EDITABLE_FIELDS = ['stt', 'title', 'lead', 'support', 'deadline', 'output'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const MAX_EDITS_PER_REQUEST = 500;
const MAX_CELL_LENGTH = 4000;

const index = v.pipe(v.number(), v.integer(), v.minValue(0));
const TaskRef = v.object({ appendix: index, section: index, task: index });
export type TaskRef = v.InferOutput<typeof TaskRef>;
const cell = v.pipe(v.string(), v.maxLength(MAX_CELL_LENGTH, 'bad_edit'));

/** One fix made in the preview; they are replayed on the parsed plan in order. */
export const DraftEdit = v.variant(
	'op',
	[
		v.object({ op: v.literal('setCell'), task: TaskRef, field: v.picklist(EDITABLE_FIELDS, 'bad_edit'), value: cell }),
		v.object({ op: v.literal('dropTask'), task: TaskRef, dropped: v.boolean() }),
		v.object({ op: v.literal('dropAppendix'), appendix: index, dropped: v.boolean() }),
		v.object({ op: v.literal('mergeAgency'), name: cell, agencyId: v.nullable(v.pipe(v.string(), v.maxLength(200))) }),
		v.object({ op: v.literal('setTitle'), value: cell })
	],
	'bad_edit'
);
export type DraftEdit = v.InferOutput<typeof DraftEdit>;

/** POST /api/import/drafts/:id/edits */
export const EditsBody = v.object({
	edits: v.pipe(v.array(DraftEdit, 'bad_edits'), v.maxLength(MAX_EDITS_PER_REQUEST, 'bad_edits'))
});

/** `?name=` of an upload: the file's name. */
export const UploadQuery = v.object({ name: v.optional(v.string(), '') });

export interface PreviewTask {
	index: number;
	stt: string;
	title: string;
	leadRaw: string;
	supportRaw: string;
	lead: string[];
	support: string[];
	output: string | null;
	deadline: Deadline;
	dropped: boolean;
	edited: EditableField[];
	/** Where the row is in the file ("Bảng 2, hàng 5", "dòng 170"), as a note the page words. */
	where: Note | null;
	/** The parser's warnings about the row (its checks again once the row is fixed by hand), as notes. */
	warnings: Note[];
}

export interface PreviewSection {
	index: number;
	code: string;
	title: string;
	tasks: PreviewTask[];
}

export type PreviewAppendix =
	| { index: number; kind: 'tasks'; title: string; derived: boolean; dropped: boolean; sections: PreviewSection[] }
	| { index: number; kind: 'assignments'; title: string; members: number; areas: number };

export interface PreviewAgency {
	name: string;
	collective: boolean;
	/** The agency this name already belongs to. */
	existing: KnownAgency | null;
	/** Chosen by the admin: the existing agency a new name is merged into. */
	mergedInto: KnownAgency | null;
	/** For a new name: existing agencies it might be. */
	suggestions: KnownAgency[];
	/** Tasks (not dropped) that name it. */
	tasks: number;
}

/** A warning (a note: `code` and `params`, worded by the page) with the place it is about. */
export interface PreviewWarning extends Note {
	line: number | null;
	where: Note | null;
	/** The source line the warning is about, shortened. */
	excerpt: string | null;
}

export interface ImportPreview {
	draftId: string;
	fileName: string;
	kind: SourceKind;
	plan: PlanHeader;
	appendices: PreviewAppendix[];
	agencies: PreviewAgency[];
	/** Warnings not about one task row. */
	warnings: PreviewWarning[];
	indicators: number;
	reports: number;
	counts: { boards: number; tasks: number; newAgencies: number };
}

export interface ImportSummary {
	planId: string;
	title: string;
	boards: { id: string; title: string; sections: number; cards: number }[];
	agenciesCreated: string[];
	indicators: number;
	reports: number;
	members: number;
	warnings: number;
}
