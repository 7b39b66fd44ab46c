/**
 * The BoardStore contract, for every implementation: the embedded SQLite store, the Kysely store on
 * SQLite, and the Kysely store on PostgreSQL (when PostgreSQL answers). Generated sequences of
 * appends, compactions (some late, as a slow node's) and reads; a document rebuilt from what the store
 * returns must always equal the document of everything appended.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { openDatabase } from '../../../server/db/database.js';
import { SqliteBoardStore } from '../../../server/sync/sqlite-board-store.js';
import { KyselyBoardStore } from '../../../server/sync/kysely-board-store.js';
import type { BoardStore, StoredBoard } from '../../../server/sync/board-store.js';
import { testDatabases, type TestDatabase } from '../helpers/databases.js';

const targets: { name: string; open(): Promise<{ store: BoardStore; close(): Promise<void> }> }[] = [
	{
		name: 'SQLite (embedded store)',
		async open() {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-store-'));
			const { db, sqlite } = await openDatabase(dir);
			return {
				store: new SqliteBoardStore(sqlite!),
				close: async () => {
					await db.destroy();
					fs.rmSync(dir, { recursive: true, force: true });
				}
			};
		}
	},
	...testDatabases().map((t: TestDatabase) => ({
		name: `${t.name} (Kysely store)`,
		async open() {
			const { db, close } = await t.open();
			return { store: new KyselyBoardStore(db) as BoardStore, close };
		}
	}))
];

/** A document rebuilt from stored bytes. */
function rebuild(stored: StoredBoard, base?: Y.Doc): Y.Doc {
	const doc = new Y.Doc();
	if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	if (stored.state) Y.applyUpdate(doc, stored.state);
	for (const u of stored.updates) Y.applyUpdate(doc, u.data);
	return doc;
}

const text = (doc: Y.Doc) => doc.getText('t').toString();

type Op = { kind: 'append'; n: number } | { kind: 'compact'; back: number } | { kind: 'read'; back: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
	fc.record({ kind: fc.constant('append' as const), n: fc.integer({ min: 1, max: 5 }) }),
	fc.record({ kind: fc.constant('compact' as const), back: fc.integer({ min: 0, max: 6 }) }),
	fc.record({ kind: fc.constant('read' as const), back: fc.integer({ min: 0, max: 12 }) })
);

describe.each(targets)('BoardStore contract: $name', (target) => {
	let store: BoardStore;
	let close: () => Promise<void>;
	let board = 0;

	beforeAll(async () => {
		({ store, close } = await target.open());
	}, 60_000);
	afterAll(async () => {
		await close?.();
	});

	it('numbers, compactions (late ones included) and reads from any point rebuild the same document', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
				const boardId = `contract-${++board}`;
				const author = new Y.Doc();
				author.clientID = 7;
				/** The document after each sequence number (index = seq). */
				const docs: Uint8Array[] = [Y.encodeStateAsUpdate(new Y.Doc())];
				let head = 0;
				for (const op of ops) {
					if (op.kind === 'append') {
						const entries = [];
						for (let i = 0; i < op.n; i++) {
							const before = Y.encodeStateVector(author);
							author.getText('t').insert(author.getText('t').length, `${head + i + 1};`);
							entries.push({ update: Y.encodeStateAsUpdate(author, before), userId: 'u', activity: [] });
							docs.push(Y.encodeStateAsUpdate(author));
						}
						const r = await store.appendBatch(boardId, entries, []);
						expect(r).toEqual({ firstSeq: head + 1, lastSeq: head + op.n });
						head += op.n;
					} else if (op.kind === 'compact') {
						// A node that is `back` updates behind compacts what it has.
						const at = Math.max(0, head - op.back);
						await store.compact(boardId, docs[at], at);
					} else {
						const from = Math.max(0, head - op.back);
						const since = await store.loadSince(boardId, from);
						const base = new Y.Doc();
						Y.applyUpdate(base, docs[from]);
						expect(text(rebuild(since, base))).toBe(author.getText('t').toString());
						expect(since.lastSeq).toBe(head);
					}
				}
				const all = await store.load(boardId);
				expect(text(rebuild(all))).toBe(author.getText('t').toString());
				expect(all.lastSeq).toBe(head);
				expect(all.updates.every((u, i, a) => i === 0 || u.seq === a[i - 1].seq + 1)).toBe(true);
				if (head > 0) expect((await store.heads([boardId, 'never-written'])).get(boardId)).toBe(head);
			}),
			{ numRuns: 40 }
		);
	}, 120_000);

	it('concurrent appends to one board get distinct, consecutive numbers', async () => {
		const boardId = `concurrent-${++board}`;
		const doc = new Y.Doc();
		const updates = Array.from({ length: 40 }, (_, i) => {
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(0, String(i));
			return Y.encodeStateAsUpdate(doc, before);
		});
		const results = await Promise.all(updates.map((u) => store.appendBatch(boardId, [{ update: u, userId: null, activity: [] }], [])));
		expect(results.map((r) => r.firstSeq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		const loaded = await store.load(boardId);
		expect(loaded.updates.map((u) => u.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
	});

	it('a client id keeps its first owner; quarantine takes an update out of the log', async () => {
		const boardId = `owners-${++board}`;
		await store.bindClients(boardId, [{ clientId: 4_000_000_000, userId: 'first' }]);
		await store.appendBatch(
			boardId,
			[{ update: new Uint8Array([0, 0]), userId: 'second', activity: [] }],
			[{ clientId: 4_000_000_000, userId: 'second' }]
		);
		expect((await store.clientOwners(boardId)).get(4_000_000_000)).toBe('first');
		const loaded = await store.load(boardId);
		await store.quarantine(boardId, {
			updateId: loaded.updates[0].id,
			userId: 'second',
			data: loaded.updates[0].data,
			cause: 'load_failed',
			reason: 'test'
		});
		expect((await store.load(boardId)).updates).toEqual([]);
		const listed = await store.listQuarantine(boardId);
		expect(listed.map((q) => [q.cause, q.reason, q.size])).toEqual([['load_failed', 'test', 2]]);
		expect((await store.quarantinedBytes(listed[0].id))?.data).toEqual(new Uint8Array([0, 0]));
	});
});
