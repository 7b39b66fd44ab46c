/**
 * The server BoardStore: Kysely queries, used on PostgreSQL (and runnable on SQLite, where the store
 * contract test runs it beside the embedded store). Sequence numbers come from `board_heads`: the
 * append transaction bumps the board's row (`insert … on conflict do update … returning`), which on
 * PostgreSQL also locks it, so two nodes appending to one board get consecutive, distinct ranges and
 * the second waits for the first to commit.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type {
	AppendResult,
	BoardStore,
	ClientBinding,
	LogEntry,
	ProjectedCard,
	QuarantineEntry,
	QuarantinedUpdate,
	StoredBoard
} from './board-store.js';
import { toCardRow } from './projection-rows.js';
import { quarantineCause } from '../../src/lib/core/api/accounts.js';
import { isPostgres } from '../cluster/job-lock.js';

const bytes = (b: Uint8Array | Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const buffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export class KyselyBoardStore implements BoardStore {
	private readonly postgres: boolean;

	constructor(private db: DB) {
		this.postgres = isPostgres(db);
	}

	load(boardId: string): Promise<StoredBoard> {
		return this.loadSince(boardId, 0);
	}

	async loadSince(boardId: string, afterSeq: number): Promise<StoredBoard> {
		const stateRow = await this.db
			.selectFrom('board_states')
			.select(['state', 'last_update_id', 'unchecked'])
			.where('board_id', '=', boardId)
			.executeTakeFirst();
		const state = stateRow && (afterSeq === 0 || stateRow.last_update_id > afterSeq) ? stateRow : undefined;
		const base = state ? Number(state.last_update_id) : afterSeq;
		const rows = await this.db
			.selectFrom('board_updates')
			.select(['id', 'seq', 'data', 'user_id', 'unchecked'])
			.where('board_id', '=', boardId)
			.where('seq', '>', base)
			.orderBy('seq')
			.execute();
		return {
			state: state ? bytes(state.state) : null,
			stateSeq: state ? Number(state.last_update_id) : 0,
			updates: rows.map((r) => ({ id: Number(r.id), seq: Number(r.seq), data: bytes(r.data), userId: r.user_id })),
			lastSeq: rows.length > 0 ? Number(rows[rows.length - 1].seq) : base,
			unchecked: Number(state?.unchecked ?? 0) === 1 || rows.some((r) => Number(r.unchecked) === 1)
		};
	}

	async heads(boardIds: string[]): Promise<Map<string, number>> {
		const out = new Map<string, number>();
		for (let i = 0; i < boardIds.length; i += 500) {
			const rows = await this.db
				.selectFrom('board_heads')
				.select(['board_id', 'seq'])
				.where('board_id', 'in', boardIds.slice(i, i + 500))
				.execute();
			for (const r of rows) out.set(r.board_id, Number(r.seq));
		}
		return out;
	}

	appendBatch(boardId: string, entries: LogEntry[], newClients: ClientBinding[]): Promise<AppendResult> {
		if (this.postgres) return this.appendInOneStatement(boardId, entries, newClients);
		return this.db.transaction().execute(async (tx) => {
			const now = new Date().toISOString();
			// The head first: on PostgreSQL its row lock orders concurrent appends to this board.
			const head = await tx
				.insertInto('board_heads')
				.values({ board_id: boardId, seq: entries.length })
				.onConflict((oc) => oc.column('board_id').doUpdateSet({ seq: sql<number>`board_heads.seq + excluded.seq` }))
				.returning('seq')
				.executeTakeFirstOrThrow();
			const lastSeq = Number(head.seq);
			const firstSeq = lastSeq - entries.length + 1;
			await this.insertClients(tx, boardId, newClients, now);
			if (entries.length > 0) {
				await tx
					.insertInto('board_updates')
					.values(entries.map((e, i) => ({ board_id: boardId, seq: firstSeq + i, data: buffer(e.update), user_id: e.userId, created_at: now })))
					.execute();
			}
			const activity = entries.flatMap((e) =>
				e.activity.map((a) => ({ board_id: boardId, card_id: a.cardId, user_id: e.userId, field: a.field, detail: a.detail, created_at: now }))
			);
			if (activity.length > 0) await tx.insertInto('activity').values(activity).execute();
			const outbox = entries.flatMap((e) =>
				(e.outbox ?? []).map((o) => ({
					type: o.type,
					board_id: boardId,
					actor_id: e.userId,
					payload_json: JSON.stringify(o.payload),
					created_at: now
				}))
			);
			if (outbox.length > 0) await tx.insertInto('notification_events').values(outbox).execute();
			return { firstSeq, lastSeq };
		});
	}

	/**
	 * PostgreSQL: the whole append as one statement (data-modifying CTEs over arrays), so a batch costs
	 * one round trip instead of one per table plus BEGIN and COMMIT; a single statement is atomic. The
	 * head row is updated first and stays locked to the end, which orders appends to the board.
	 */
	private async appendInOneStatement(boardId: string, entries: LogEntry[], clients: ClientBinding[]): Promise<AppendResult> {
		const now = new Date().toISOString();
		const n = entries.length;
		const acts = entries.flatMap((e, i) => e.activity.map((a) => ({ i, ...a, userId: e.userId })));
		const outs = entries.flatMap((e) => (e.outbox ?? []).map((o) => ({ ...o, userId: e.userId })));
		const { rows } = await sql<{ seq: number | string }>`
			with head as (
				insert into board_heads (board_id, seq) values (${boardId}, ${n})
				on conflict (board_id) do update set seq = board_heads.seq + excluded.seq
				returning seq
			), clients as (
				insert into board_clients (board_id, client_id, user_id, created_at)
				select ${boardId}, c.client_id, c.user_id, ${now}
				from unnest(${clients.map((c) => c.clientId)}::bigint[], ${clients.map((c) => c.userId)}::text[]) as c(client_id, user_id)
				on conflict do nothing
			), updates as (
				insert into board_updates (board_id, seq, data, user_id, created_at)
				select ${boardId}, (select seq from head) - ${n} + u.ord, u.data, u.user_id, ${now}
				from unnest(${entries.map((e) => Buffer.from(e.update.buffer, e.update.byteOffset, e.update.byteLength))}::bytea[],
					${entries.map((e) => e.userId)}::text[]) with ordinality as u(data, user_id, ord)
			), acts as (
				insert into activity (board_id, card_id, user_id, field, detail, created_at)
				select ${boardId}, a.card_id, a.user_id, a.field, a.detail, ${now}
				from unnest(${acts.map((a) => a.cardId)}::text[], ${acts.map((a) => a.userId)}::text[],
					${acts.map((a) => a.field)}::text[], ${acts.map((a) => a.detail)}::text[]) as a(card_id, user_id, field, detail)
			), outs as (
				insert into notification_events (type, board_id, actor_id, payload_json, created_at)
				select o.type, ${boardId}, o.actor_id, o.payload_json, ${now}
				from unnest(${outs.map((o) => o.type)}::text[], ${outs.map((o) => o.userId)}::text[],
					${outs.map((o) => JSON.stringify(o.payload))}::text[]) as o(type, actor_id, payload_json)
			)
			select seq from head`.execute(this.db);
		const lastSeq = Number(rows[0].seq);
		return { firstSeq: lastSeq - n + 1, lastSeq };
	}

	private async insertClients(tx: Transaction<Database>, boardId: string, clients: ClientBinding[], now: string) {
		if (clients.length === 0) return;
		await tx
			.insertInto('board_clients')
			.values(clients.map((b) => ({ board_id: boardId, client_id: b.clientId, user_id: b.userId, created_at: now })))
			.onConflict((oc) => oc.doNothing())
			.execute();
	}

	async compact(boardId: string, state: Uint8Array, lastSeq: number): Promise<void> {
		await this.db.transaction().execute(async (tx) => {
			// One node compacts a board at a time; another one already at it makes this one skip.
			if (this.postgres) {
				const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(hashtext(${'compact:' + boardId})) as got`.execute(tx);
				if (!rows[0]?.got) return;
			}
			await tx
				.insertInto('board_states')
				.values({ board_id: boardId, state: buffer(state), last_update_id: lastSeq, updated_at: new Date().toISOString(), unchecked: 0 })
				.onConflict((oc) =>
					oc
						.column('board_id')
						.doUpdateSet({
							state: (eb) => eb.ref('excluded.state'),
							last_update_id: (eb) => eb.ref('excluded.last_update_id'),
							updated_at: (eb) => eb.ref('excluded.updated_at'),
							unchecked: 0
						})
						// A node that compacts late never puts back an older state over a newer one.
						.where('board_states.last_update_id', '<=', lastSeq)
				)
				.execute();
			await tx.deleteFrom('board_updates').where('board_id', '=', boardId).where('seq', '<=', lastSeq).execute();
		});
	}

	async markChecked(boardId: string): Promise<void> {
		await this.db.transaction().execute(async (tx) => {
			await tx.updateTable('board_states').set({ unchecked: 0 }).where('board_id', '=', boardId).where('unchecked', '=', 1).execute();
			await tx.updateTable('board_updates').set({ unchecked: 0 }).where('board_id', '=', boardId).where('unchecked', '=', 1).execute();
		});
	}

	async quarantine(boardId: string, e: QuarantineEntry): Promise<void> {
		await this.db.transaction().execute(async (tx) => {
			await tx
				.insertInto('quarantined_updates')
				.values({
					board_id: boardId,
					update_id: e.updateId,
					user_id: e.userId,
					data: buffer(e.data),
					cause: e.cause,
					reason: e.reason,
					created_at: new Date().toISOString()
				})
				.execute();
			if (e.updateId !== null) await tx.deleteFrom('board_updates').where('board_id', '=', boardId).where('id', '=', e.updateId).execute();
		});
	}

	async listQuarantine(boardId?: string): Promise<QuarantinedUpdate[]> {
		let q = this.db
			.selectFrom('quarantined_updates')
			.select(['id', 'board_id', 'update_id', 'user_id', sql<number>`length(data)`.as('size'), 'cause', 'reason', 'created_at'])
			.orderBy('id', 'desc')
			.limit(500);
		if (boardId !== undefined) q = q.where('board_id', '=', boardId);
		const rows = await q.execute();
		return rows.map((r) => ({
			id: Number(r.id),
			boardId: r.board_id,
			updateId: r.update_id === null ? null : Number(r.update_id),
			userId: r.user_id,
			size: Number(r.size),
			cause: quarantineCause(r.cause),
			reason: r.reason,
			createdAt: r.created_at
		}));
	}

	async quarantinedBytes(id: number): Promise<{ boardId: string; data: Uint8Array } | null> {
		const row = await this.db.selectFrom('quarantined_updates').select(['board_id', 'data']).where('id', '=', id).executeTakeFirst();
		return row ? { boardId: row.board_id, data: bytes(row.data) } : null;
	}

	async clientOwners(boardId: string): Promise<Map<number, string>> {
		const rows = await this.db.selectFrom('board_clients').select(['client_id', 'user_id']).where('board_id', '=', boardId).execute();
		return new Map(rows.map((r) => [Number(r.client_id), r.user_id]));
	}

	async recentBindings(boardId: string, since: string): Promise<Map<string, number>> {
		const rows = await this.db
			.selectFrom('board_clients')
			.select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('board_id', '=', boardId)
			.where('created_at', '>', since)
			.groupBy('user_id')
			.execute();
		return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
	}

	async bindClients(boardId: string, bindings: ClientBinding[]): Promise<void> {
		if (bindings.length === 0) return;
		await this.db.transaction().execute((tx) => this.insertClients(tx, boardId, bindings, new Date().toISOString()));
	}

	async writeCard(boardId: string, { id, data }: ProjectedCard, seq: number): Promise<void> {
		await this.db.transaction().execute(async (tx) => {
			// Rows projected from a later document (another node saw more) stay. On PostgreSQL the row is
			// locked until the end of this transaction, so two nodes writing one card take turns.
			let existing = tx.selectFrom('cards').select('projected_seq').where('id', '=', id).where('board_id', '=', boardId);
			if (this.postgres) existing = existing.forUpdate();
			const row0 = await existing.executeTakeFirst();
			if (row0 && Number(row0.projected_seq) > seq) return;
			await tx.deleteFrom('comments').where('card_id', '=', id).where('board_id', '=', boardId).execute();
			if (!data) {
				await tx.deleteFrom('cards').where('id', '=', id).where('board_id', '=', boardId).execute();
				return;
			}
			const row = { ...toCardRow(boardId, data), projected_seq: seq };
			const { id: _id, board_id: _b, ...update } = row;
			await tx
				.insertInto('cards')
				.values(row)
				.onConflict((oc) => oc.column('id').doUpdateSet(update))
				.execute();
			if (data.comments.length > 0) {
				await tx
					.insertInto('comments')
					.values(
						data.comments.map((m) => ({
							id: m.id,
							board_id: boardId,
							card_id: id,
							author_id: m.authorId,
							agency_id: m.agencyId,
							body: m.body,
							created_at: m.createdAt,
							deleted: m.deleted ? 1 : 0
						}))
					)
					.onConflict((oc) => oc.column('id').doNothing())
					.execute();
			}
			if (data.attachments.length > 0) {
				await tx
					.insertInto('attachments')
					.values(
						data.attachments.map((a) => ({
							id: a.id,
							board_id: boardId,
							card_id: id,
							name: a.name,
							size: a.size,
							mime: a.mime,
							sha256: '',
							uploaded_by: a.uploadedBy,
							uploaded_at: a.uploadedAt
						}))
					)
					.onConflict((oc) => oc.column('id').doNothing())
					.execute();
			}
		});
	}
}
