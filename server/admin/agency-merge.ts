/**
 * Merging an agency into another (an alias created by an import, or a 2025 merger): its spellings,
 * its accounts and every card reference move to the other agency, then it is removed. Documents are
 * rewritten first, through the sync server, so that connected clients see the change and no card is
 * ever left pointing at an agency that no longer exists.
 */
import type { AppContext } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import { replaceAgency } from '../../src/lib/core/board-agencies.js';
import { agencyKey } from '../../src/lib/core/agency.js';

export interface MergeResult {
	boards: number;
	cards: number;
	users: number;
	aliases: number;
}

/** Boards whose cards name the agency (lead, support, or a comment), from the projection. */
async function boardsMentioning(ctx: AppContext, agencyId: string): Promise<string[]> {
	const quoted = `%${JSON.stringify(agencyId)}%`;
	const cards = await ctx.db
		.selectFrom('cards')
		.select('board_id')
		.distinct()
		.where((eb) => eb.or([eb('lead_json', 'like', quoted), eb('support_json', 'like', quoted)]))
		.execute();
	const comments = await ctx.db.selectFrom('comments').select('board_id').distinct().where('agency_id', '=', agencyId).execute();
	return [...new Set([...cards, ...comments].map((r) => r.board_id))];
}

export async function mergeAgency(ctx: AppContext, sync: SyncServer, fromId: string, intoId: string, actorId: string): Promise<MergeResult> {
	const from = await ctx.db.selectFrom('agencies').selectAll().where('id', '=', fromId).executeTakeFirstOrThrow();
	// Pending edits of open rooms reach the projection first, so the board list below is complete.
	await sync.projection.flush();
	let cards = 0;
	const boards = await boardsMentioning(ctx, fromId);
	for (const boardId of boards) {
		await sync.change(boardId, actorId, null, 'agency-merge', (room) => {
			cards += replaceAgency(room.doc, fromId, intoId).length;
		});
	}
	await sync.projection.flush();

	const moved = await ctx.db.transaction().execute(async (trx) => {
		const aliases = await trx.updateTable('agency_aliases').set({ agency_id: intoId }).where('agency_id', '=', fromId).executeTakeFirst();
		await trx
			.insertInto('agency_aliases')
			.values({ org_id: from.org_id, alias_key: agencyKey(from.name), alias: from.name, agency_id: intoId })
			.onConflict((oc) => oc.columns(['org_id', 'alias_key']).doUpdateSet({ agency_id: intoId }))
			.execute();
		const users = await trx.selectFrom('memberships').select('user_id as id').where('agency_id', '=', fromId).execute();
		await trx.updateTable('memberships').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
		await trx.updateTable('users').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
		await trx.updateTable('comments').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
		await trx.deleteFrom('agencies').where('id', '=', fromId).execute();
		return { aliases: Number(aliases.numUpdatedRows), userIds: users.map((u) => u.id) };
	});

	await sync.reloadAgencies();
	// Open sockets carry the agency they were opened with; closing them makes the clients reconnect
	// with the new one (the session stays valid).
	for (const id of moved.userIds) sync.closeUserConnections(id);
	return { boards: boards.length, cards, users: moved.userIds.length, aliases: moved.aliases };
}
