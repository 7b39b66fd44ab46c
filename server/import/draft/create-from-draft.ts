/**
 * "Tạo bảng": the confirmed draft becomes a plan and its boards, through the importer's one
 * transaction (all of it or nothing). A new agency name the admin merged into an existing agency
 * is then remembered as that agency's alias, so the next plan that spells it so finds it.
 */
import { agencyKey } from '../../../src/lib/core/agency.js';
import type { AppContext } from '../../context.js';
import { ApiError } from '../../http-error.js';
import { findExisting, loadAgencyDirectory } from './agency-matches.js';
import { planToCreate, workingPlan, type ImportDraft } from './import-draft.js';
import { importParsedPlan, type ImportSummary } from '../persist.js';

export async function createFromDraft(ctx: AppContext, draft: ImportDraft): Promise<ImportSummary> {
	const w = workingPlan(draft);
	const dir = await loadAgencyDirectory(ctx.db, draft.orgId);
	const mergedNames = new Map<string, string>();
	const aliases: Array<{ name: string; agencyId: string }> = [];
	for (const [name, agencyId] of w.merges) {
		const target = dir.byId.get(agencyId);
		if (!target) throw new ApiError(400, 'unknown_agency', { name });
		if (findExisting(dir, name)) continue;
		mergedNames.set(name, target.name);
		aliases.push({ name, agencyId });
	}
	const plan = planToCreate(w, mergedNames);
	if (!plan.appendices.some((a) => a.kind === 'tasks')) {
		throw new ApiError(400, 'nothing_to_create');
	}
	const summary = await importParsedPlan(ctx.db, plan, { sourceName: draft.fileName, sourceText: draft.sourceText, orgId: draft.orgId });
	for (const { name, agencyId } of aliases) {
		await ctx.db
			.insertInto('agency_aliases')
			.values({ org_id: draft.orgId, alias_key: agencyKey(name), alias: name, agency_id: agencyId })
			.onConflict((oc) => oc.columns(['org_id', 'alias_key']).doNothing())
			.execute();
	}
	return summary;
}
