/**
 * The oracle of the write path: generated hostile updates against a real room on a real store
 * (SQLite; PostgreSQL through the Kysely store in the `postgres` project).
 * For every case: the update is refused, or it is accepted and the board's change (field by field,
 * before and after) is within the sender's rights; Yjs never fails on what the guard let through; the
 * victim's offline work, sent afterwards, is accepted and survives whole; what is stored equals what
 * is live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { SqliteBoardStore } from '../../../server/sync/sqlite-board-store.js';
import { KyselyBoardStore } from '../../../server/sync/kysely-board-store.js';
import type { BoardStore } from '../../../server/sync/board-store.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { Room, type Peer } from '../../../server/sync/room.js';
import type { GuardContext } from '../../../server/sync/document-guard.js';
import { readBoard } from '../../../src/lib/core/board-doc.js';
import type { Subject } from '../../../src/lib/core/permissions.js';
import {
	AG,
	AGENCIES,
	attackBytes,
	docFrom,
	fixtureState,
	isCollective,
	modeArb,
	opArb,
	roleArb,
	userAgency,
	VICTIM,
	VICTIM_COMMENT,
	VICTIM_TEXT,
	VICTIM_CLIENT,
	victimEdits,
	violations
} from './hostile-cases.js';

/** Cases per run: the issue asks for at least 10,000 in every `npm test`. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 10_000);

let store: BoardStore;
let closeDb: () => Promise<void>;
const FIXTURE = fixtureState();

beforeAll(async () => {
	// The store of the database the project runs on (SQLite, or PostgreSQL through Kysely).
	const opened = await openTestDatabase();
	store = opened.sqlite ? new SqliteBoardStore(opened.sqlite) : new KyselyBoardStore(opened.db);
	closeDb = () => opened.close();
});
afterAll(async () => {
	await closeDb?.();
});

function peerOf(subject: Subject): Peer {
	const guard: GuardContext = { subject, isCollective, agencyExists: (a) => AGENCIES.has(a), userAgency };
	return {
		userId: subject.id,
		guard,
		identity: { id: subject.id, name: subject.id, agencyShortName: null },
		send() {},
		sendShared() {},
		close() {}
	};
}

let boardSeq = 0;

/** A fresh board in the store: the fixture, and the victim's client id already bound (it has written before). */
async function freshRoom(): Promise<Room> {
	const boardId = `oracle-${++boardSeq}`;
	await store.compact(boardId, FIXTURE, 0);
	await store.bindClients(boardId, [{ clientId: VICTIM_CLIENT, userId: VICTIM.id }]);
	const room = await Room.load(boardId, store);
	room.integrate();
	return room;
}

describe('hostile updates, generated', () => {
	it(`${RUNS} generated attacks: each refused, or accepted within the sender's rights; the victim's offline work always survives`, async () => {
		let accepted = 0;
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(roleArb, modeArb, fc.array(opArb, { minLength: 1, maxLength: 4 }), fc.nat(1_000_000), async (role, mode, ops, seed) => {
				const room = await freshRoom();
				const attacker: Subject = { id: 'user-attacker', role, agencyId: AG.B };
				const peer = peerOf(attacker);
				// The victim worked offline on the fixture: its edits exist only in its own copy.
				const victimDoc = docFrom(FIXTURE, VICTIM_CLIENT);
				const svBefore = Y.encodeStateVector(victimDoc);
				victimEdits(victimDoc);
				const victimUpdate = Y.encodeStateAsUpdate(victimDoc, svBefore);

				const bytes = attackBytes(room.doc, victimUpdate, mode, ops, attacker, seed, room, peer);
				const before = readBoard(room.doc);
				let ok = false;
				try {
					ok = room.applyClientUpdate(peer, bytes).ok;
				} catch {
					ok = false; // undecodable: the connection is closed with 4400
				}
				await room.flush();
				expect(room.broken, 'Yjs failed on an update the guard accepted').toBe(false);
				if (ok) {
					accepted++;
					expect(violations(before, readBoard(room.doc), room.doc, attacker)).toEqual([]);
				} else {
					refused++;
					expect(JSON.stringify(readBoard(room.doc))).toBe(JSON.stringify(before));
				}

				// The victim comes back online: its work is accepted and nothing of it is lost.
				const c1 = readBoard(room.doc).cards.find((c) => c.id === 'c1');
				if (c1 && c1.lead.includes(AG.A)) {
					const result = room.applyClientUpdate(peerOf(VICTIM), victimUpdate);
					expect(result).toEqual({ ok: true });
					await room.flush();
					const after = readBoard(room.doc).cards.find((c) => c.id === 'c1')!;
					expect(after.result).toContain(VICTIM_TEXT);
					expect(after.comments.some((c) => c.body === VICTIM_COMMENT && c.authorId === VICTIM.id)).toBe(true);
				}

				// What is stored is what is live.
				const live = JSON.stringify(readBoard(room.doc));
				const reloaded = await Room.load(room.boardId, store);
				expect(JSON.stringify(readBoard(reloaded.doc))).toBe(live);
				reloaded.destroy();
				room.destroy();
			}),
			{ numRuns: RUNS }
		);
		// Both outcomes occur: a generator that only ever produced refusals would prove nothing.
		expect(accepted).toBeGreaterThan(RUNS / 50);
		expect(refused).toBeGreaterThan(RUNS / 50);
	}, 600_000);
});
