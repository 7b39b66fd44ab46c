/**
 * The Excel round trip, for the standing office (admins): an agency that does not use the app
 * fills in status, progress and "Kết quả thực hiện" in the board's XLSX export and sends it back;
 * the admin uploads it, sees per card what would change (old → new) and applies it on the
 * agency's behalf, through the same permission rules as the agency's own live edit.
 *
 *   POST /api/roundtrip/upload?name=FILE    body: the workbook → 201 ReturnPreview (board found by its card ids)
 *   POST /api/roundtrip/:id/preview         { agencyId }       → ReturnPreview for that agency
 *   POST /api/roundtrip/:id/apply           { agencyId }       → ApplyOutcome
 */
import type { Context } from 'hono';
import type * as Y from 'yjs';
import type { AppContext, SessionUser } from '../context.js';
import type { AppEnv } from '../app-env.js';
import { declareRoutes } from '../http/declare-routes.js';
import { ReturnAgencyBody, type ReturnPreview } from '../../src/lib/core/api/roundtrip.js';
import { UploadQuery } from '../../src/lib/core/api/import.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { cardsMap, readCard } from '../../src/lib/core/board-doc.js';
import { DraftStore } from '../import/draft/draft-store.js';
import { refusalToApiError } from '../import/http/refusal-response.js';
import { readUpload, uploadLimit } from '../import/http/upload-body.js';
import { runInWorker } from '../import/worker/run-in-worker.js';
import { applyReturned } from './apply-returned.js';
import { cardChanges, rowChanges, type CardChange } from './card-changes.js';
import { candidateIds, readReturnedRows, type ReturnedRow } from './returned-rows.js';

interface ReturnDraft {
	boardId: string;
	fileName: string;
	sheet: string;
	rows: ReturnedRow[];
	/** The preview last shown, per agency id: what "apply" applies. */
	reviewed: Record<string, CardChange[]>;
}

export type { ReturnPreview } from '../../src/lib/core/api/roundtrip.js';

export function roundtripRoutes(ctx: AppContext, sync: SyncServer) {
	const r = declareRoutes('/api');
	const drafts = new DraftStore<ReturnDraft>(ctx.db, 'roundtrip');

	const guardFor = (user: SessionUser, agencyId: string) => ({
		subject: { id: user.id, role: 'editor' as const, agencyId },
		isCollective: sync.isCollective,
		agencyExists: (id: string) => sync.agencyInOrg(id, user.orgId)
	});

	const preview = async (id: string, draft: ReturnDraft, user: SessionUser, agencyId: string | null): Promise<ReturnPreview> => {
		const board = await ctx.db.selectFrom('boards').select(['id', 'title']).where('id', '=', draft.boardId).executeTakeFirst();
		if (!board) throw new ApiError(404, 'returned_board_gone');
		const { leads, guess } = await sync.rooms.withRoom(draft.boardId, (room) => ({
			leads: leadCounts(room.doc),
			guess: guessAgency(room.doc, draft.rows)
		}));
		const names = new Map(
			(
				await ctx.db
					.selectFrom('agencies')
					.select(['id', 'name'])
					.where('id', 'in', [...leads.keys(), ''])
					.execute()
			).map((a) => [a.id, a.name])
		);
		const agencies = [...leads]
			.map(([aid, cards]) => ({ id: aid, name: names.get(aid) ?? aid, cards }))
			.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
		const chosen = agencyId ?? guess;
		if (chosen && !names.has(chosen)) throw new ApiError(400, 'agency_not_lead');
		const actor = { userId: user.id, agencyId: chosen };
		const changes = await sync.rooms.withRoom(draft.boardId, (room) =>
			chosen
				? cardChanges(room, draft.rows, guardFor(user, chosen), actor)
				: cardChanges(room, draft.rows, guardFor(user, ''), actor).map((c) => ({
						...c,
						allowed: false,
						refusal: { code: 'roundtrip_choose_agency' as const }
					}))
		);
		if (chosen) {
			draft.reviewed[chosen] = changes;
			await drafts.update(id, user.id, draft);
		}
		return {
			draftId: id,
			fileName: draft.fileName,
			board,
			sheet: draft.sheet,
			matchedRows: draft.rows.length,
			agency: chosen ? { id: chosen, name: names.get(chosen)! } : null,
			agencies,
			changes
		};
	};

	const draftOf = async (c: Context<AppEnv>) => {
		const user = requireUser(c);
		const id = c.req.param('id') ?? '';
		const draft = await drafts.get(id, user.id);
		if (!draft) throw new ApiError(404, 'draft_not_found');
		return { user, id, draft };
	};

	r.post('/roundtrip/upload', { who: ['admin'], upload: uploadLimit(), query: UploadQuery }, async (c, { query }) => {
		const user = requireUser(c);
		const { bytes, fileName } = await readUpload(c, query.name);
		const workbook = await runInWorker({ kind: 'returned-workbook', bytes }).catch((e: unknown) => {
			throw refusalToApiError(e);
		});
		const boardId = await boardOf(ctx, user.orgId, candidateIds(workbook));
		if (!boardId) throw new ApiError(422, 'no_board');
		const cardIds = await sync.rooms.withRoom(boardId, (room) => new Set(cardsMap(room.doc).keys()));
		const read = readReturnedRows(workbook, cardIds);
		if (!read.ok) throw new ApiError(422, 'no_columns', { detail: read.detail });
		const draft: ReturnDraft = { boardId, fileName, sheet: read.sheet, rows: read.rows, reviewed: {} };
		const id = await drafts.put({ userId: user.id, orgId: user.orgId }, draft);
		return c.json(await preview(id, draft, user, null), 201);
	});

	r.post('/roundtrip/:id/preview', { who: ['admin'], body: ReturnAgencyBody }, async (c, { body }) => {
		const { user, id, draft } = await draftOf(c);
		return c.json(await preview(id, draft, user, body.agencyId));
	});

	r.post('/roundtrip/:id/apply', { who: ['admin'], body: ReturnAgencyBody }, async (c, { body }) => {
		const user = requireUser(c);
		const id = c.req.param('id') ?? '';
		// Taken, not read: of two "apply" at once, one applies and the other finds no draft (404).
		const draft = await drafts.take(id, user.id);
		if (!draft) throw new ApiError(404, 'draft_not_found');
		try {
			return c.json(await apply(draft, user, body.agencyId));
		} catch (e) {
			await drafts.restore(id, { userId: user.id, orgId: user.orgId }, draft);
			throw e;
		}
	});

	/** The reviewed changes of one agency applied through the sync guard, each applied card noted in its history. */
	async function apply(draft: ReturnDraft, user: ReturnType<typeof requireUser>, agencyId: string) {
		const reviewed = Object.hasOwn(draft.reviewed, agencyId) ? draft.reviewed[agencyId] : undefined;
		if (!reviewed) throw new ApiError(409, 'not_previewed');
		const agency = await ctx.db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow();
		const outcome = await sync.rooms.withRoom(draft.boardId, (room) =>
			applyReturned(room, reviewed, guardFor(user, agencyId), { userId: user.id, agencyId })
		);
		const now = new Date().toISOString();
		if (outcome.applied.length > 0) {
			await ctx.db
				.insertInto('activity')
				.values(
					outcome.applied.map((a) => ({
						board_id: draft.boardId,
						card_id: a.cardId,
						user_id: user.id,
						field: 'excel_return',
						detail: `${agency.name} — ${draft.fileName}`,
						created_at: now
					}))
				)
				.execute();
		}
		return outcome;
	}

	return r.router;
}

/** The board of the organization most of these card ids belong to (another organization's cards are not looked at). */
async function boardOf(ctx: AppContext, orgId: string, ids: string[]): Promise<string | null> {
	const counts = new Map<string, number>();
	for (let i = 0; i < ids.length; i += 500) {
		const rows = await ctx.db
			.selectFrom('cards')
			.innerJoin('boards', 'boards.id', 'cards.board_id')
			.select('cards.board_id')
			.where('cards.id', 'in', ids.slice(i, i + 500))
			.where('boards.org_id', '=', orgId)
			.execute();
		for (const row of rows) counts.set(row.board_id, (counts.get(row.board_id) ?? 0) + 1);
	}
	return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function leadCounts(doc: Y.Doc): Map<string, number> {
	const count = new Map<string, number>();
	cardsMap(doc).forEach((m, cardId) => {
		for (const a of readCard(cardId, m).lead) count.set(a, (count.get(a) ?? 0) + 1);
	});
	return count;
}

/** The agency that leads the most of the cards the file changes, when one clearly does. */
function guessAgency(doc: Y.Doc, rows: ReturnedRow[]): string | null {
	const count = new Map<string, number>();
	for (const row of rows) {
		const map = cardsMap(doc).get(row.cardId);
		if (!map) continue;
		const card = readCard(row.cardId, map);
		if (rowChanges(card, row).length) for (const a of card.lead) count.set(a, (count.get(a) ?? 0) + 1);
	}
	const [first, second] = [...count].sort((a, b) => b[1] - a[1]);
	return first && (!second || first[1] > second[1]) ? first[0] : null;
}
