/**
 * Plan import over HTTP, for the standing office (admins): upload a file (text, .docx, .xlsx) →
 * a preview of what was read → fixes → "Tạo bảng". The file is parsed in a worker thread; the
 * draft is kept apart (the drafts table), and no plan or board is written until the boards are created.
 *
 *   POST   /api/import/upload?name=FILE      body: the file    → 201 ImportPreview
 *   GET    /api/import/drafts/:id                               → ImportPreview
 *   POST   /api/import/drafts/:id/edits      { edits: [...] }   → ImportPreview
 *   POST   /api/import/drafts/:id/create                        → 201 ImportSummary
 *   DELETE /api/import/drafts/:id                               → 204
 */
import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { declareRoutes } from '../http/declare-routes.js';
import { EditsBody, UploadQuery } from '../../src/lib/core/api/import.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { loadAgencyDirectory } from './draft/agency-matches.js';
import { createFromDraft } from './draft/create-from-draft.js';
import { DraftStore } from './draft/draft-store.js';
import { invalidEdit, type ImportDraft } from './draft/import-draft.js';
import { buildPreview } from './draft/import-preview.js';
import { refusalToApiError } from './http/refusal-response.js';
import { readUpload, uploadLimit } from './http/upload-body.js';
import { runInWorker } from './worker/run-in-worker.js';

export function importRoutes(ctx: AppContext, sync: SyncServer) {
	const r = declareRoutes('/api');
	const drafts = new DraftStore<ImportDraft>(ctx.db, 'import');

	const draftOf = async (c: Context<AppEnv>) => {
		const user = requireUser(c);
		const id = c.req.param('id') ?? '';
		const draft = await drafts.get(id, user.id);
		if (!draft) throw new ApiError(404, 'draft_not_found');
		return { user, id, draft };
	};
	const preview = async (id: string, draft: ImportDraft) => buildPreview(id, draft, await loadAgencyDirectory(ctx.db, draft.orgId));

	r.post('/import/upload', { who: ['admin'], upload: uploadLimit(), query: UploadQuery }, async (c, { query }) => {
		const user = requireUser(c);
		const { bytes, fileName } = await readUpload(c, query.name);
		const read = await runInWorker({ kind: 'plan', bytes, fileName }).catch((e: unknown) => {
			throw refusalToApiError(e);
		});
		const draft: ImportDraft = {
			orgId: user.orgId,
			fileName,
			kind: read.source.kind,
			sourceText: read.source.text,
			labels: read.source.labels,
			parsed: read.parsed,
			taskLines: read.taskLines,
			excerpts: read.excerpts,
			edits: []
		};
		const id = await drafts.put({ userId: user.id, orgId: user.orgId }, draft);
		return c.json(await preview(id, draft), 201);
	});

	r.get('/import/drafts/:id', ['admin'], async (c) => {
		const { id, draft } = await draftOf(c);
		return c.json(await preview(id, draft));
	});

	r.post('/import/drafts/:id/edits', { who: ['admin'], body: EditsBody }, async (c, { body }) => {
		const { user, id, draft } = await draftOf(c);
		const { edits } = body;
		for (const edit of edits) {
			const detail = invalidEdit(draft.parsed, edit);
			if (detail) throw new ApiError(400, 'bad_edit', { detail });
			const target = edit.op === 'mergeAgency' ? edit.agencyId : null;
			if (
				target &&
				!(await ctx.db.selectFrom('agencies').select('id').where('id', '=', target).where('org_id', '=', draft.orgId).executeTakeFirst())
			) {
				throw new ApiError(400, 'unknown_agency');
			}
		}
		draft.edits.push(...edits);
		await drafts.update(id, user.id, draft);
		return c.json(await preview(id, draft));
	});

	r.post('/import/drafts/:id/create', ['admin'], async (c) => {
		const user = requireUser(c);
		const id = c.req.param('id') ?? '';
		// Taken, not read: two "Tạo bảng" at once (a double click, two tabs, two nodes) create the boards once.
		const draft = await drafts.take(id, user.id);
		if (!draft) throw new ApiError(404, 'draft_not_found');
		let summary;
		try {
			summary = await createFromDraft(ctx, draft);
		} catch (e) {
			// Nothing was created (the importer's one transaction): the admin can fix the draft and try again.
			await drafts.restore(id, { userId: user.id, orgId: draft.orgId }, draft);
			throw e;
		}
		// New collective agencies ("Các sở, ngành, địa phương") change who may see and comment.
		await sync.reloadAgencies();
		return c.json(summary, 201);
	});

	r.delete('/import/drafts/:id', ['admin'], async (c) => {
		const { id } = await draftOf(c);
		await drafts.delete(id);
		return c.body(null, 204);
	});

	return r.router;
}
