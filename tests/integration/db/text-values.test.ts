/**
 * What text the database keeps, on either database: everything a person can type round-trips
 * exactly (Vietnamese in both normal forms, emoji); U+0000, which PostgreSQL cannot store in text, is
 * written all the same (PostgreSQL keeps U+FFFD in its place) instead of failing the write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../server/db/database.js';
import { openTestDatabase } from '../helpers/test-database.js';

let opened: OpenedDatabase & { close(): Promise<void> };

beforeAll(async () => {
	opened = await openTestDatabase();
	await opened.db.insertInto('organizations').values({ id: 'o', slug: 'o', name: 'O', created_at: '' }).execute();
});
afterAll(async () => opened?.close());

async function roundTrip(id: string, name: string): Promise<string> {
	const { db } = opened;
	await db
		.insertInto('agencies')
		.values({ id, org_id: 'o', name, short_name: name.slice(0, 10), is_collective: 0, created_at: '' })
		.execute();
	return (await db.selectFrom('agencies').select('name').where('id', '=', id).where('name', '=', name).executeTakeFirstOrThrow()).name;
}

describe('text values', () => {
	it('Vietnamese (composed and decomposed) and emoji come back exactly', async () => {
		for (const [i, name] of ['Sở Tài chính', 'Sở Tài chính'.normalize('NFD'), 'Hòa / Hoà 👍'].entries()) {
			expect(await roundTrip(`a${i}`, name)).toBe(name);
		}
	});

	it('a U+0000 in a value is stored, not refused (kept on SQLite, U+FFFD on PostgreSQL), and found by the same value', async () => {
		const stored = await roundTrip('nul', 'Sở\u0000Tài chính');
		expect(stored).toBe(opened.dialect === 'postgres' ? 'Sở\uFFFDTài chính' : 'Sở\u0000Tài chính');
		const { db } = opened;
		const inList = await db.selectFrom('agencies').select('id').where('name', 'in', ['Sở\u0000Tài chính', 'x']).execute();
		expect(inList.map((r) => r.id)).toEqual(['nul']);
	});
});
