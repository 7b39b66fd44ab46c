/**
 * Work in progress between an upload and its confirmation (an import preview, a returned workbook
 * being reviewed). Kept in memory only: nothing reaches the database before the admin confirms,
 * and a draft left alone expires. Each draft belongs to the user who made it.
 */
import { newId } from '../../../src/lib/core/ids.js';

interface Entry<T> {
	userId: string;
	value: T;
	touchedAt: number;
}

export class DraftStore<T> {
	private drafts = new Map<string, Entry<T>>();

	constructor(
		private readonly ttlMs = 2 * 60 * 60 * 1000,
		private readonly maxDrafts = 50
	) {}

	put(userId: string, value: T): string {
		this.prune();
		const id = newId();
		this.drafts.set(id, { userId, value, touchedAt: Date.now() });
		// The oldest drafts give way when too many are open (each holds a parsed file).
		while (this.drafts.size > this.maxDrafts) this.drafts.delete(this.drafts.keys().next().value as string);
		return id;
	}

	/** The draft, if it exists, has not expired and belongs to this user. */
	get(id: string, userId: string): T | null {
		this.prune();
		const entry = this.drafts.get(id);
		if (!entry || entry.userId !== userId) return null;
		entry.touchedAt = Date.now();
		return entry.value;
	}

	delete(id: string): void {
		this.drafts.delete(id);
	}

	private prune(): void {
		const now = Date.now();
		for (const [id, entry] of this.drafts) if (now - entry.touchedAt > this.ttlMs) this.drafts.delete(id);
	}
}
