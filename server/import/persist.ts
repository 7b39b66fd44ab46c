/**
 * Writes a ParsedPlan to the database in one transaction: the plan (with its source text), its
 * agencies, one board per task appendix (its initial Y.Doc state and card projection), indicators,
 * reporting duties and committee members. Either all of it is created or nothing is.
 */
import * as Y from 'yjs';
import type { Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { ParsedPlan, TasksAppendix } from '../../src/lib/core/parsed-plan.js';
import { initBoardDoc, readBoard } from '../../src/lib/core/board-doc.js';
import { agencyKey, agencyShortName, isCollective, resolveAgency, splitAgencies } from '../../src/lib/core/agency.js';
import { newId } from '../../src/lib/core/ids.js';
import { toCardRow } from '../sync/projection-rows.js';

export interface ImportSource {
	sourceName: string;
	sourceText: string;
	/** The organization the plan belongs to; its agencies are matched (and created) there only. */
	orgId: string;
}

export type { ImportSummary } from '../../src/lib/core/api/import.js';
import type { ImportSummary } from '../../src/lib/core/api/import.js';

type Tx = Transaction<Database>;

/** Finds an agency of an organization by any name it has been seen under, creating it (and the alias) when new. */
export async function ensureAgency(trx: Tx | DB, orgId: string, name: string, created?: string[], alias?: string): Promise<string> {
	const key = agencyKey(name);
	const found = await trx
		.selectFrom('agency_aliases')
		.select('agency_id')
		.where('org_id', '=', orgId)
		.where('alias_key', '=', key)
		.executeTakeFirst();
	let id = found?.agency_id;
	if (!id) {
		const byName = await trx.selectFrom('agencies').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
		id = byName?.id;
	}
	if (!id) {
		id = newId();
		await trx
			.insertInto('agencies')
			.values({
				id,
				org_id: orgId,
				name,
				short_name: agencyShortName(name),
				is_collective: isCollective(name) ? 1 : 0,
				created_at: new Date().toISOString()
			})
			.execute();
		created?.push(name);
	}
	for (const n of [name, alias]) {
		if (!n) continue;
		await trx
			.insertInto('agency_aliases')
			.values({ org_id: orgId, alias_key: agencyKey(n), alias: n, agency_id: id })
			.onConflict((oc) => oc.columns(['org_id', 'alias_key']).doNothing())
			.execute();
	}
	return id;
}

/** "Phụ lục I: KẾ HOẠCH …" → "Phụ lục I"; a derived list is named for what it is. */
function appendixLabel(appendix: TasksAppendix): string {
	if (appendix.derived) return 'Nhiệm vụ theo phân công';
	return appendix.title.split(':')[0].trim() || 'Phụ lục';
}

/** The plan's title; the appendix is added only when the plan has several task appendices. */
function boardTitle(plan: ParsedPlan, appendix: TasksAppendix): string {
	const taskAppendices = plan.appendices.filter((a) => a.kind === 'tasks').length;
	return taskAppendices > 1 ? `${plan.plan.title} — ${appendixLabel(appendix)}` : plan.plan.title;
}

export async function importParsedPlan(db: DB, parsed: ParsedPlan, source: ImportSource): Promise<ImportSummary> {
	return db.transaction().execute(async (trx) => {
		const now = new Date().toISOString();
		const planId = newId();
		const p = parsed.plan;
		await trx
			.insertInto('plans')
			.values({
				id: planId,
				org_id: source.orgId,
				number: p.number,
				doc_type: p.docType,
				title: p.title,
				issuer: p.issuer,
				place: p.place,
				date: p.date,
				year: p.year,
				source_name: source.sourceName,
				source_text: source.sourceText,
				parsed_json: JSON.stringify(parsed),
				created_at: now
			})
			.execute();

		const agenciesCreated: string[] = [];
		const agencyIdsFor = async (names: string[], raw: string): Promise<string[]> => {
			const rawNames = splitAgencies(raw);
			const ids: string[] = [];
			for (const name of names) {
				// Remember the spelling the plan used (an old name before a merger, a variant) as an alias.
				const printed = rawNames.find((r) => resolveAgency(r).name === name);
				const id = await ensureAgency(trx, source.orgId, name, agenciesCreated, printed);
				if (!ids.includes(id)) ids.push(id);
			}
			return ids;
		};

		const boards: ImportSummary['boards'] = [];
		for (const appendix of parsed.appendices) {
			if (appendix.kind !== 'tasks') continue;
			const boardId = newId();
			const title = boardTitle(parsed, appendix);
			await trx
				.insertInto('boards')
				.values({
					id: boardId,
					org_id: source.orgId,
					plan_id: planId,
					title,
					appendix: appendixLabel(appendix),
					derived: appendix.derived ? 1 : 0,
					created_at: now
				})
				.execute();
			const sections = appendix.sections.map((s) => ({ id: newId(), code: s.code, title: s.title }));
			const cards = [];
			for (const [i, s] of appendix.sections.entries()) {
				for (const t of s.tasks) {
					cards.push({
						code: t.stt.includes('.') || !s.code ? t.stt : `${s.code}.${t.stt}`,
						sectionId: sections[i].id,
						title: t.title,
						lead: await agencyIdsFor(t.lead, t.leadRaw),
						support: await agencyIdsFor(t.support, t.supportRaw),
						deadline: t.deadline,
						status: t.deadline.kind === 'done' ? ('done' as const) : ('todo' as const)
					});
				}
			}
			const doc = new Y.Doc();
			initBoardDoc(doc, { title, planId, appendix: appendixLabel(appendix) }, sections, cards);
			for (const [i, s] of sections.entries()) {
				await trx.insertInto('sections').values({ id: s.id, board_id: boardId, code: s.code, title: s.title, order_index: i }).execute();
			}
			for (const card of readBoard(doc).cards) await trx.insertInto('cards').values(toCardRow(boardId, card)).execute();
			await trx
				.insertInto('board_states')
				.values({ board_id: boardId, state: Y.encodeStateAsUpdate(doc), last_update_id: 0, updated_at: now })
				.execute();
			doc.destroy();
			boards.push({ id: boardId, title, sections: sections.length, cards: cards.length });
		}

		for (const [i, ind] of parsed.indicators.entries()) {
			await trx
				.insertInto('indicators')
				.values({
					id: newId(),
					plan_id: planId,
					code: ind.code,
					text: ind.text,
					targets_json: JSON.stringify(ind.targets),
					reported_value: null,
					order_index: i
				})
				.execute();
		}
		for (const r of parsed.reports) {
			await trx
				.insertInto('plan_reports')
				.values({ id: newId(), plan_id: planId, text: r.text, due: r.due, recurrence: r.recurrence, to_agency: r.to })
				.execute();
		}
		let members = 0;
		for (const appendix of parsed.appendices) {
			if (appendix.kind !== 'assignments') continue;
			for (const m of appendix.members) {
				members++;
				await trx
					.insertInto('plan_members')
					.values({ id: newId(), plan_id: planId, stt: m.stt, name: m.name, position: m.position, areas_json: JSON.stringify(m.areas) })
					.execute();
			}
		}
		return {
			planId,
			title: p.title,
			boards,
			agenciesCreated,
			indicators: parsed.indicators.length,
			reports: parsed.reports.length,
			members,
			warnings: parsed.warnings.length
		};
	});
}
