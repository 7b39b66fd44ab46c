/**
 * The sync server refuses with codes only: generated hostile updates (hostile-cases.ts) from every
 * role against a real room; each refusal, encoded as the "permission denied" message a client
 * receives and read back as y-websocket reads it, is a code of src/lib/core/sync-refusal-codes.ts
 * (a structural one names a rule of the list) — never a sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import { SqliteBoardStore } from '../../../server/sync/sqlite-board-store.js';
import { KyselyBoardStore } from '../../../server/sync/kysely-board-store.js';
import type { BoardStore } from '../../../server/sync/board-store.js';
import { Room, type Peer } from '../../../server/sync/room.js';
import { encodePermissionDenied, MessageType } from '../../../server/sync/protocol.js';
import type { Subject } from '../../../src/lib/core/permissions.js';
import { readRefusal, SYNC_REFUSALS, UPDATE_RULES, type SyncRefusal } from '../../../src/lib/core/sync-refusal-codes.js';
import { openTestDatabase } from '../helpers/test-database.js';
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
	VICTIM_CLIENT,
	victimEdits
} from './hostile-cases.js';

const RUNS = Number(process.env.REFUSAL_RUNS ?? 500);
const FIXTURE = fixtureState();

let store: BoardStore;
let closeDb: () => Promise<void>;

beforeAll(async () => {
	const opened = await openTestDatabase();
	store = opened.sqlite ? new SqliteBoardStore(opened.sqlite) : new KyselyBoardStore(opened.db);
	closeDb = () => opened.close();
});
afterAll(async () => {
	await closeDb?.();
});

function peerOf(subject: Subject): Peer {
	return {
		userId: subject.id,
		guard: { subject, isCollective, agencyExists: (a) => AGENCIES.has(a), userAgency },
		identity: { id: subject.id, name: subject.id, agencyShortName: null },
		send() {},
		sendShared() {},
		close() {}
	};
}

let boardSeq = 0;
async function freshRoom(): Promise<Room> {
	const boardId = `refusals-${++boardSeq}`;
	await store.compact(boardId, FIXTURE, 0);
	await store.bindClients(boardId, [{ clientId: VICTIM_CLIENT, userId: VICTIM.id }]);
	const room = await Room.load(boardId, store);
	room.integrate();
	return room;
}

/** The reason a client reads from the server's "permission denied" message (y-protocols' own reader). */
function reasonOnTheWire(refusal: SyncRefusal): string {
	const decoder = decoding.createDecoder(encodePermissionDenied(refusal));
	expect(decoding.readVarUint(decoder)).toBe(MessageType.Auth);
	let reason: string | null = null;
	authProtocol.readAuthMessage(decoder, new Y.Doc(), (_doc, r) => (reason = r));
	expect(reason).not.toBeNull();
	return reason!;
}

const SYNC_CODES = new Set<string>(SYNC_REFUSALS);
const RULES = new Set<string>(UPDATE_RULES);

/** The refusal a client reads is a code of the list, and exactly the one the room decided. */
function expectKnownCode(refusal: SyncRefusal): string {
	const wire = reasonOnTheWire(refusal);
	const read = readRefusal(wire);
	expect(read, wire).not.toBeNull();
	expect(SYNC_CODES.has(read!.code), wire).toBe(true);
	if (read!.code === 'update_invalid') expect(RULES.has(read!.params.rule), wire).toBe(true);
	expect(read).toEqual(refusal);
	return wire;
}

describe('the sync server refuses with codes', () => {
	it(`${RUNS} generated hostile updates: every refusal a client receives is a known code`, async () => {
		const seen = new Set<string>();
		await fc.assert(
			fc.asyncProperty(roleArb, modeArb, fc.array(opArb, { minLength: 1, maxLength: 4 }), fc.nat(1_000_000), async (role, mode, ops, seed) => {
				const room = await freshRoom();
				const attacker: Subject = { id: 'user-attacker', role, agencyId: AG.B };
				const peer = peerOf(attacker);
				const victimDoc = docFrom(FIXTURE, VICTIM_CLIENT);
				const svBefore = Y.encodeStateVector(victimDoc);
				victimEdits(victimDoc);
				const bytes = attackBytes(room.doc, Y.encodeStateAsUpdate(victimDoc, svBefore), mode, ops, attacker, seed, room, peer);
				try {
					const result = room.applyClientUpdate(peer, bytes);
					if (!result.ok) seen.add(expectKnownCode(result.refusal).replace(/:.*/, ':rule'));
				} catch {
					// undecodable: the connection closes with 4400, no refusal is sent
				}
				await room.flush();
				room.destroy();
			}),
			{ numRuns: RUNS }
		);
		// The generator reaches the guard's refusals and the structural rules alike.
		expect(seen.has('update_invalid:rule')).toBe(true);
		expect(seen.has('read_only')).toBe(true);
		expect(seen.size).toBeGreaterThan(5);
	}, 300_000);

	it('a board being reloaded refuses with `board_reloading`', async () => {
		const room = await freshRoom();
		room.broken = true;
		const client = docFrom(Y.encodeStateAsUpdate(room.doc), 9_999);
		const sv = Y.encodeStateVector(client);
		client.getMap('meta').set('title', 'x');
		const result = room.applyClientUpdate(peerOf({ id: 'user-admin', role: 'admin', agencyId: null }), Y.encodeStateAsUpdate(client, sv));
		expect(result).toEqual({ ok: false, refusal: { code: 'board_reloading' } });
		expect(expectKnownCode({ code: 'board_reloading' })).toBe('board_reloading');
		room.destroy();
	});
});
