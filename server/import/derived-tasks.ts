import type { Deadline, ParsedTask, TaskSection, TasksAppendix } from '../../src/lib/core/parsed-plan.js';
import { startsWithAgency } from '../../src/lib/core/agency.js';
import { parseDeadline } from '../../src/lib/core/deadline.js';
import { capitalizeFirst, searchKey } from '../../src/lib/core/text.js';
import { agenciesOf } from './agency-cells.js';
import type { Block, Part } from './outline.js';
import type { Warnings } from './warnings.js';

/** Parts of a plan that assign duties to agencies. */
const DUTY_PART = /\b(nhiem vu|giai phap|to chuc thuc hien|phan cong)\b/;
/** An agency heading without a colon is a name, not a sentence: short and unpunctuated. */
const MAX_HEADING_LENGTH = 120;
/** The agencies before a colon; longer than this it is a sentence that happens to contain a colon. */
const MAX_PREFIX_LENGTH = 160;

interface Owner {
	leadRaw: string;
	supportRaw: string;
	line: number;
}

interface Draft {
	base: string;
	owner: Owner;
	text: string;
	line: number;
}

/**
 * Plans without a task table assign duties in prose: "1. Sở Tài chính: …", or an agency
 * heading ("a) Sở Công Thương") followed by lettered duties or paragraphs. Each duty becomes
 * one task led by that agency. Returns null when no duty is found.
 */
export function deriveTasks(parts: Part[], planYear: number, warnings: Warnings): TasksAppendix | null {
	const sections: TaskSection[] = [];
	for (const part of parts) {
		if (!DUTY_PART.test(searchKey(part.title)) || /\bmuc tieu\b/.test(searchKey(part.title))) continue;
		const drafts = collectDuties(part.blocks);
		if (!drafts.length) continue;
		const tasks = numberDrafts(drafts).map(({ stt, draft }) => toTask(stt, draft, planYear, warnings));
		sections.push({ code: part.code, title: part.title, tasks });
		const undated = tasks.filter((t) => t.deadline.kind === 'unknown').length;
		const derived = { count: tasks.length, section: part.code, title: part.title };
		if (undated) warnings.add(part.line, 'plan_tasks_derived_undated', { ...derived, undated });
		else warnings.add(part.line, 'plan_tasks_derived', derived);
	}
	if (!sections.length) return null;
	const codes = sections.map((s) => s.code).join(', ');
	return { kind: 'tasks', title: `Nhiệm vụ của các cơ quan (theo mục ${codes})`, derived: true, sections };
}

function collectDuties(blocks: Block[]): Draft[] {
	const drafts: Draft[] = [];
	let num = '';
	let letter = '';
	let numOwner: Owner | null = null;
	let letterOwner: Owner | null = null;
	// The duty that unmarked paragraphs continue, when it was written inline ("a) Chủ trì, …").
	let open: Draft | null = null;
	const base = () => (letter ? `${num}.${letter}` : num);
	const emit = (owner: Owner, text: string, line: number) => {
		const draft = { base: base(), owner, text, line };
		drafts.push(draft);
		return draft;
	};

	for (const block of blocks) {
		if (block.kind === 'numbered') {
			num = block.marker;
			letter = '';
			letterOwner = null;
			const heading = agencyHeading(block.body, block.line, false);
			numOwner = heading?.owner ?? null;
			open = heading?.rest ? emit(heading.owner, heading.rest, block.line) : null;
		} else if (block.kind === 'lettered') {
			letter = block.marker;
			if (numOwner) {
				letterOwner = null;
				open = emit(numOwner, block.body, block.line);
				continue;
			}
			const heading = agencyHeading(block.body, block.line, false);
			letterOwner = heading?.owner ?? null;
			open = heading?.rest ? emit(heading.owner, heading.rest, block.line) : null;
		} else if (open) {
			open.text = `${open.text} ${block.body}`;
		} else {
			const owner = letter ? letterOwner : numOwner;
			if (owner) {
				emit(owner, block.body, block.line);
				continue;
			}
			const heading = agencyHeading(block.body, block.line, true);
			if (heading?.rest) open = emit(heading.owner, heading.rest, block.line);
		}
	}
	return drafts;
}

/**
 * "Sở Tài chính: chủ trì …" → owner and the duty after the colon. Without a colon the whole
 * text must be a short agency name (a heading). "X phối hợp với Y: …" names supporters too.
 */
function agencyHeading(body: string, line: number, colonRequired: boolean): { owner: Owner; rest: string } | null {
	const colon = body.match(/^([^:]{2,200}):\s*(.*)$/);
	let prefix: string;
	let rest: string;
	if (colon) {
		[prefix, rest] = [colon[1].trim(), colon[2].trim()];
	} else {
		if (colonRequired || body.length > MAX_HEADING_LENGTH || /[.;]$/.test(body)) return null;
		[prefix, rest] = [body.trim(), ''];
	}
	if (prefix.length > MAX_PREFIX_LENGTH || /[.;]/.test(prefix) || !startsWithAgency(prefix)) return null;
	const withSupport = prefix.match(/^(.+?)\s+(?:chủ trì,?\s+)?phối hợp với\s+(.+)$/u);
	const owner = withSupport ? { leadRaw: withSupport[1], supportRaw: withSupport[2], line } : { leadRaw: prefix, supportRaw: '', line };
	return { owner, rest };
}

/** Several duties under one heading get "4.a.1", "4.a.2"; a single duty keeps "4.a". */
function numberDrafts(drafts: Draft[]): Array<{ stt: string; draft: Draft }> {
	const counts = new Map<string, number>();
	for (const d of drafts) counts.set(d.base, (counts.get(d.base) ?? 0) + 1);
	const seen = new Map<string, number>();
	return drafts.map((draft) => {
		const n = (seen.get(draft.base) ?? 0) + 1;
		seen.set(draft.base, n);
		const stt = (counts.get(draft.base) ?? 0) > 1 ? `${draft.base}.${n}` : draft.base;
		return { stt, draft };
	});
}

function toTask(stt: string, draft: Draft, planYear: number, warnings: Warnings): ParsedTask {
	const title = capitalizeFirst(draft.text.replace(/[\s;,]+$/, ''));
	return {
		stt,
		title,
		lead: agenciesOf(draft.owner.leadRaw, draft.owner.line, warnings),
		support: agenciesOf(draft.owner.supportRaw, draft.owner.line, warnings),
		leadRaw: draft.owner.leadRaw,
		supportRaw: draft.owner.supportRaw,
		output: null,
		deadline: deadlineInText(title, planYear)
	};
}

/** A duty sometimes states its own deadline ("trước ngày 30/6/2026", "trong Quý II/2026"). */
function deadlineInText(text: string, planYear: number): Deadline {
	const m = text.match(/(?:trước|chậm nhất|hoàn thành trong)\s+(?:ngày\s+)?\d{1,2}\/\d{1,2}(?:\/\d{4})?|Quý\s+(?:IV|III|II|I)\/\d{4}/u);
	return m ? parseDeadline(m[0], planYear) : { raw: '', kind: 'unknown', due: null };
}
