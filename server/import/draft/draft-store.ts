/**
 * Work in progress between an upload and its confirmation (an import preview, a returned workbook
 * being reviewed). Kept in the `drafts` table (migration 0009), apart from the plans and boards:
 * nothing of it becomes a plan or a change before the admin confirms, and a draft left alone expires.
 * Being in the database, a draft made through one node of a cluster is there for the next request on
 * any other. Each draft belongs to the user who made it. Values are stored as JSON (no Maps or Dates).
 */
import { newId } from '../../../src/lib/core/ids.js';
import type { DB } from '../../db/database.js';

export interface DraftOwner {
	userId: string;
	orgId: string;
}

export class DraftStore<T> {
	constructor(
		private readonly db: DB,
		/** Which kind of draft this store holds; stores of different kinds never see each other's. */
		private readonly kind: string,
		private readonly ttlMs = 2 * 60 * 60 * 1000,
		private readonly maxDrafts = 50
	) {}

	async put(owner: DraftOwner, value: T): Promise<string> {
		await this.prune();
		const id = newId();
		await this.db
			.insertInto('drafts')
			.values({ id, kind: this.kind, user_id: owner.userId, org_id: owner.orgId, value_json: JSON.stringify(value), touched_at: Date.now() })
			.execute();
		// The oldest drafts give way when too many are open (each holds a parsed file).
		const keep = await this.db
			.selectFrom('drafts')
			.select('id')
			.where('kind', '=', this.kind)
			.orderBy('touched_at', 'desc')
			.orderBy('id')
			.limit(this.maxDrafts)
			.execute();
		await this.db
			.deleteFrom('drafts')
			.where('kind', '=', this.kind)
			.where('id', 'not in', [...keep.map((k) => k.id), id])
			.execute();
		return id;
	}

	/** The draft, if it exists, has not expired and belongs to this user. */
	async get(id: string, userId: string): Promise<T | null> {
		const now = Date.now();
		const row = await this.db
			.updateTable('drafts')
			.set({ touched_at: now })
			.where('id', '=', id)
			.where('kind', '=', this.kind)
			.where('user_id', '=', userId)
			.where('touched_at', '>=', now - this.ttlMs)
			.returning('value_json')
			.executeTakeFirst();
		return row ? (JSON.parse(row.value_json) as T) : null;
	}

	/** Stores a changed draft (fixes made, a preview reviewed) in place of the old one. */
	async update(id: string, userId: string, value: T): Promise<void> {
		await this.db
			.updateTable('drafts')
			.set({ value_json: JSON.stringify(value), touched_at: Date.now() })
			.where('id', '=', id)
			.where('kind', '=', this.kind)
			.where('user_id', '=', userId)
			.execute();
	}

	/**
	 * Takes the draft out of the store, for the one request that turns it into something (a plan, an
	 * applied file): the delete is the claim, so of two simultaneous "create" requests only one gets it;
	 * the other finds nothing (404). Give it back with `restore` if the work then fails.
	 */
	async take(id: string, userId: string): Promise<T | null> {
		const row = await this.db
			.deleteFrom('drafts')
			.where('id', '=', id)
			.where('kind', '=', this.kind)
			.where('user_id', '=', userId)
			.where('touched_at', '>=', Date.now() - this.ttlMs)
			.returning('value_json')
			.executeTakeFirst();
		return row ? (JSON.parse(row.value_json) as T) : null;
	}

	/** Puts back a draft `take` took, under the same id, when the work it was taken for failed. */
	async restore(id: string, owner: DraftOwner, value: T): Promise<void> {
		await this.db
			.insertInto('drafts')
			.values({ id, kind: this.kind, user_id: owner.userId, org_id: owner.orgId, value_json: JSON.stringify(value), touched_at: Date.now() })
			.onConflict((oc) => oc.column('id').doNothing())
			.execute();
	}

	async delete(id: string): Promise<void> {
		await this.db.deleteFrom('drafts').where('id', '=', id).where('kind', '=', this.kind).execute();
	}

	private async prune(): Promise<void> {
		await this.db
			.deleteFrom('drafts')
			.where('kind', '=', this.kind)
			.where('touched_at', '<', Date.now() - this.ttlMs)
			.execute();
	}
}
