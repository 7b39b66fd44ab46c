/**
 * The cluster's sequence logic without processes: two rooms of one board (two "nodes") on one store,
 * each publishing its stored runs to the other through a channel that loses, delays and reorders
 * messages at random; compactions by either side at random moments. After the nodes catch up, both
 * documents and the stored board hold every accepted edit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { openDatabase } from '../../../server/db/database.js';
import { SqliteBoardStore } from '../../../server/sync/sqlite-board-store.js';
import { Room, type StoredRun } from '../../../server/sync/room.js';
import type { BoardStore } from '../../../server/sync/board-store.js';

let dir: string;
let store: BoardStore;
let destroy: () => Promise<void>;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-gaps-'));
	const opened = await openDatabase(dir);
	store = new SqliteBoardStore(opened.sqlite!);
	destroy = () => opened.db.destroy();
});
afterAll(async () => {
	await destroy();
	fs.rmSync(dir, { recursive: true, force: true });
});

type Step =
	{ kind: 'edit'; node: 0 | 1; text: string } | { kind: 'deliver'; node: 0 | 1; pick: number; drop: boolean } | { kind: 'compact'; node: 0 | 1 };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('edit' as const),
			node: fc.constantFrom(0 as const, 1 as const),
			text: fc.string({ minLength: 1, maxLength: 3 })
		})
	},
	{
		weight: 4,
		arbitrary: fc.record({ kind: fc.constant('deliver' as const), node: fc.constantFrom(0 as const, 1 as const), pick: fc.nat(), drop: fc.boolean() })
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), node: fc.constantFrom(0 as const, 1 as const) }) }
);

let boards = 0;
const text = (doc: Y.Doc) => doc.getText('t').toString();

describe('two nodes, a lossy channel', () => {
	it('every accepted edit reaches both nodes and storage, whatever is lost or reordered', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => {
				const boardId = `gaps-${++boards}`;
				/** Messages in flight to each node. */
				const inbox: StoredRun[][] = [[], []];
				const rooms: Room[] = [];
				for (const me of [0, 1] as const) {
					rooms.push(
						await Room.load(boardId, store, {
							stored: (_room, run) => inbox[1 - me].push(run)
						})
					);
				}
				for (const r of rooms) r.clustered = true;
				const written: string[] = [];
				for (const step of steps) {
					const room = rooms[step.node];
					if (step.kind === 'edit') {
						room.applyServerChange('u', [], (doc) => doc.getText('t').insert(0, step.text));
						written.push(step.text);
						await room.flush();
					} else if (step.kind === 'deliver') {
						const queue = inbox[step.node];
						if (queue.length === 0) continue;
						const [run] = queue.splice(step.pick % queue.length, 1);
						if (!step.drop) room.applyRemote(run);
						await room.catchUp(); // a gap, if one was seen, is read now (it was started by applyRemote)
					} else {
						await room.flush();
						await store.compact(boardId, Y.encodeStateAsUpdate(room.doc), room.lastSeq);
					}
				}
				// What a node does when it hears nothing more: compare with the stored head and catch up.
				for (const r of rooms) await r.catchUp();
				const head = (await store.heads([boardId])).get(boardId) ?? 0;
				const stored = await store.load(boardId);
				const fromStore = new Y.Doc();
				if (stored.state) Y.applyUpdate(fromStore, stored.state);
				for (const u of stored.updates) Y.applyUpdate(fromStore, u.data);
				expect(text(rooms[1].doc)).toBe(text(rooms[0].doc));
				expect(text(fromStore)).toBe(text(rooms[0].doc));
				expect(text(rooms[0].doc).length).toBe(written.join('').length);
				for (const r of rooms) expect(r.lastSeq).toBe(head);
				for (const r of rooms) await r.close();
			}),
			{ numRuns: 150 }
		);
	}, 180_000);
});
