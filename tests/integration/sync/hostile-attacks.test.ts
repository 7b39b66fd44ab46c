/**
 * The seven attacks of the security review, each over real sockets against a real server, as the
 * editor account of an agency (Sở Nông nghiệp và Môi trường) against the lead agency (Sở Tài chính).
 * Each is refused or harmless; the board keeps storing and relaying honest edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import WebSocket from 'ws';
import { addComment, CARD, readBoard, resultText, setStatus } from '../../../src/lib/core/board-doc.js';
import {
	api,
	closeCodeOf,
	connectBoard,
	login,
	startTestServer,
	synced,
	waitFor,
	type BoardClient,
	type TestServer,
	orgIdOf
} from '../helpers/server.js';

let server: TestServer;
let leadToken: string;
let attackerToken: string;
let managerToken: string;
/** Each user as the signer of its edits (userId) and as the API names it (id). */
let lead: { id: string; userId: string; agencyId: string };
let attacker: { id: string; userId: string; agencyId: string };
let boardId: string;
/** A card Sở Tài chính leads in which the attacker's agency has no part. */
let foreignCard: string;
/** A card in which the attacker's agency takes part (supports or leads). */
let ownCard: string;

function updateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

function awarenessFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/** An update that deletes `len` clocks of `client` from `clock` on, and writes nothing (Yjs' v1 format). */
function deleteRangeUpdate(client: number, clock: number, len: number): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0); // no structs
	encoding.writeVarUint(e, 1); // one client in the delete set
	encoding.writeVarUint(e, client);
	encoding.writeVarUint(e, 1); // one range
	encoding.writeVarUint(e, clock);
	encoding.writeVarUint(e, len);
	return encoding.toUint8Array(e);
}

const send = (c: BoardClient, frame: Uint8Array) => (c.provider.ws as unknown as WebSocket).send(frame);

async function me(token: string) {
	const { user } = await api<{ user: { id: string; agencyId: string } }>(server.url, token, '/api/me');
	return { ...user, userId: user.id };
}

/** A copy of the server's state with a chosen client id: what a hand-built update starts from. */
function copyOf(source: Y.Doc, clientId: number): Y.Doc {
	const d = new Y.Doc();
	d.clientID = clientId;
	Y.applyUpdate(d, Y.encodeStateAsUpdate(source));
	return d;
}

/** `depth` maps, each inside the one before, under `key` (built level by level: Yjs integrates nested new maps recursively). */
function nest(map: Y.Map<unknown>, key: string, depth: number): void {
	map.doc!.transact(() => {
		let m = map.set(key, new Y.Map<unknown>()) as Y.Map<unknown>;
		for (let i = 1; i < depth; i++) m = m.set('m', new Y.Map<unknown>()) as Y.Map<unknown>;
	});
}

const serverDoc = () => server.sync.rooms.get(boardId)!.doc;
const card = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
	server = await startTestServer();
	leadToken = await login(server.url, 'stc');
	attackerToken = await login(server.url, 'snnmt');
	managerToken = await login(server.url, 'thuky');
	lead = await me(leadToken);
	attacker = await me(attackerToken);
	const collectives = new Set(
		(await api<{ id: string; isCollective: boolean }[]>(server.url, leadToken, '/api/agencies')).filter((a) => a.isCollective).map((a) => a.id)
	);
	for (const b of await api<{ id: string }[]>(server.url, leadToken, '/api/boards')) {
		const cards = (await api<{ cards: { id: string; lead: string[]; support: string[] }[] }>(server.url, leadToken, `/api/boards/${b.id}`)).cards;
		const involves = (c: { lead: string[]; support: string[] }, a: string) => c.lead.includes(a) || c.support.includes(a);
		const hasCollective = (c: { lead: string[]; support: string[] }) => [...c.lead, ...c.support].some((a) => collectives.has(a));
		const foreign = cards.find((c) => c.lead.includes(lead.agencyId) && !involves(c, attacker.agencyId) && !hasCollective(c));
		const own = cards.find((c) => involves(c, attacker.agencyId) && !c.lead.includes(lead.agencyId));
		if (foreign && own) {
			boardId = b.id;
			foreignCard = foreign.id;
			ownCard = own.id;
			break;
		}
	}
	expect(boardId, 'a demo board with a card of each kind').toBeTruthy();
});
afterAll(async () => server.stop());

describe('the seven attacks of the security review', () => {
	it('1. delete ranges aimed at clocks that do not exist yet are refused; the lead’s next result text, status and comment survive', async () => {
		const victim = connectBoard(server.wsUrl, boardId, leadToken);
		const bad = connectBoard(server.wsUrl, boardId, attackerToken);
		await Promise.all([synced(victim), synced(bad)]);
		const vClient = victim.doc.clientID;
		const next = Y.getState(victim.doc.store, vClient);
		send(bad, updateFrame(deleteRangeUpdate(vClient, next, 10_000)));
		await waitFor(() => bad.denied.length > 0, 3000, 'the refusal');
		expect(bad.denied).toEqual(['update_invalid:future_delete']);
		setStatus(victim.doc, foreignCard, 'doing', lead);
		resultText(victim.doc, foreignCard).insert(0, 'Kết quả mới của đơn vị chủ trì');
		addComment(victim.doc, foreignCard, { body: 'Đã gửi báo cáo' }, lead);
		const watcher = connectBoard(server.wsUrl, boardId, managerToken);
		await synced(watcher);
		await waitFor(() => card(watcher.doc, foreignCard).result.startsWith('Kết quả mới'), 3000, 'the result at a third client');
		const seen = card(watcher.doc, foreignCard);
		expect(seen.status).toBe('doing');
		expect(seen.comments.some((c) => c.body === 'Đã gửi báo cáo')).toBe(true);
		expect(serverDoc().store.pendingDs).toBeNull();
		for (const c of [victim, bad, watcher]) c.destroy();
	});

	it('2. structs under another user’s client id are refused: the lead’s offline edits reach the server after reconnecting', async () => {
		const victim = connectBoard(server.wsUrl, boardId, leadToken);
		const bad = connectBoard(server.wsUrl, boardId, attackerToken);
		await Promise.all([synced(victim), synced(bad)]);
		// The lead's client id is known to everyone (awareness), and bound to the lead once it has spoken.
		await waitFor(() => server.sync.rooms.get(boardId)!.clientOwner(victim.doc.clientID) === lead.id, 3000, 'binding');
		victim.provider.disconnect();
		resultText(victim.doc, foreignCard).insert(0, 'Viết khi mất mạng. ');
		// The attacker reserves the lead's next clocks with a harmless-looking comment on its own card.
		const squat = copyOf(bad.doc, victim.doc.clientID);
		const sv = Y.encodeStateVector(squat);
		addComment(squat, ownCard, { body: 'chiếm chỗ' }, attacker);
		send(bad, updateFrame(Y.encodeStateAsUpdate(squat, sv)));
		await waitFor(() => bad.denied.length > 0, 3000, 'the refusal');
		expect(bad.denied).toEqual(['update_invalid:foreign_client']);
		victim.provider.connect();
		await waitFor(() => card(serverDoc(), foreignCard).result.startsWith('Viết khi mất mạng.'), 3000, 'the offline edit stored');
		expect(card(serverDoc(), ownCard).comments.some((c) => c.body === 'chiếm chỗ')).toBe(false);
		for (const c of [victim, bad]) c.destroy();
	});

	it('3. structs overlapping existing clocks are refused: no text appended to another card’s title, no agency added to its lead', async () => {
		const bad = connectBoard(server.wsUrl, boardId, attackerToken);
		await synced(bad);
		const id = 0x5eed5;
		const before = copyOf(bad.doc, id);
		const sv = Y.encodeStateVector(before);
		// First an honest comment under the attacker's own id: accepted.
		const first = copyOf(bad.doc, id);
		addComment(first, ownCard, { body: 'Ý kiến hợp lệ' }, attacker);
		send(bad, updateFrame(Y.encodeStateAsUpdate(first, sv)));
		await waitFor(() => card(serverDoc(), ownCard).comments.some((c) => c.body === 'Ý kiến hợp lệ'), 3000, 'the honest comment');
		// Then other content on the same clocks, longer, aimed at the foreign card.
		const titleBefore = card(serverDoc(), foreignCard).title;
		const leadBefore = card(serverDoc(), foreignCard).lead;
		const second = copyOf(before, id);
		const map = second.getMap<Y.Map<unknown>>('cards').get(foreignCard)!;
		(map.get(CARD.title) as Y.Text).insert((map.get(CARD.title) as Y.Text).length, ' — sửa trộm tiêu đề của thẻ khác');
		(map.get(CARD.lead) as Y.Array<string>).push([attacker.agencyId]);
		send(bad, updateFrame(Y.encodeStateAsUpdate(second, sv)));
		await waitFor(() => bad.denied.length > 0, 3000, 'the refusal');
		expect(bad.denied).toEqual(['update_invalid:overlap']);
		await pause(100);
		expect(card(serverDoc(), foreignCard).title).toBe(titleBefore);
		expect(card(serverDoc(), foreignCard).lead).toEqual(leadBefore);
		bad.destroy();
	});

	it('4. deep nesting is refused from editors and managers alike; a board poisoned before the fix still opens, stores and relays, and the bad rows are quarantined', async () => {
		for (const token of [attackerToken, managerToken]) {
			const c = connectBoard(server.wsUrl, boardId, token);
			await synced(c);
			const d = copyOf(c.doc, Math.floor(Math.random() * 1e9));
			const sv = Y.encodeStateVector(d);
			nest(d.getMap<Y.Map<unknown>>('cards').get(ownCard)!, 'junk', 3000);
			const started = Date.now();
			send(c, updateFrame(Y.encodeStateAsUpdate(d, sv)));
			await waitFor(() => c.denied.length > 0, 5000, 'the refusal');
			expect(Date.now() - started).toBeLessThan(2000);
			expect(c.denied).toEqual(['update_invalid:too_deep']);
			expect(server.sync.rooms.get(boardId)!.doc.getMap<Y.Map<unknown>>('cards').get(ownCard)!.has('junk')).toBe(false);
			c.destroy();
		}

		// A board whose log holds what the old server accepted: 6,000 nested maps, then their overwrite,
		// and bytes that do not decode at all.
		const { boards } = await import('../../../server/import/persist.js').then(async ({ importParsedPlan }) => {
			const { syntheticPlan } = await import('../../../bench/lib/synthetic-plan.js');
			return importParsedPlan(server.ctx.db, syntheticPlan(5), { sourceName: 'poisoned', sourceText: '', orgId: await orgIdOf(server) });
		});
		const poisoned = boards[0].id;
		const c0 = connectBoard(server.wsUrl, poisoned, managerToken);
		await synced(c0);
		const cardId = readBoard(c0.doc).cards[0].id;
		c0.destroy();
		await waitFor(() => !server.sync.rooms.get(poisoned), 3000, 'the room unloads');
		const state = (await server.sync.store.load(poisoned)).state!;
		const d = new Y.Doc();
		d.clientID = 4242;
		Y.applyUpdate(d, state);
		const sv = Y.encodeStateVector(d);
		nest(d.getMap<Y.Map<unknown>>('cards').get(cardId)!, 'checklist', 6_000);
		const nested = Y.encodeStateAsUpdate(d, sv);
		// The overwrite, built on a shallow copy (deleting the deep one here would overflow this stack too):
		// its new value sits right of the top map and deletes it, and collecting that is the server's job.
		const shallow = new Y.Doc();
		shallow.clientID = 4242;
		Y.applyUpdate(shallow, state);
		shallow.getMap<Y.Map<unknown>>('cards').get(cardId)!.set('checklist', new Y.Map());
		shallow.clientID = 4343;
		const sv2 = Y.encodeStateVector(shallow);
		shallow.getMap<Y.Map<unknown>>('cards').get(cardId)!.set('checklist', 1);
		const overwrite = Y.encodeStateAsUpdate(shallow, sv2);
		// Marked as the migration marks rows stored by the previous release.
		const { db } = server.ctx;
		let seq = (await db.selectFrom('board_heads').select('seq').where('board_id', '=', poisoned).executeTakeFirst())?.seq ?? 0;
		for (const data of [nested, overwrite, new Uint8Array([1, 2, 3, 250, 251, 252])]) {
			await db
				.insertInto('board_updates')
				.values({ board_id: poisoned, seq: ++seq, data, user_id: attacker.id, created_at: new Date().toISOString(), unchecked: 1 })
				.execute();
		}
		await db
			.insertInto('board_heads')
			.values({ board_id: poisoned, seq })
			.onConflict((oc) => oc.column('board_id').doUpdateSet({ seq }))
			.execute();
		const errors: unknown[] = [];
		const origError = console.error;
		console.error = (...m: unknown[]) => errors.push(m);
		try {
			const a = connectBoard(server.wsUrl, poisoned, managerToken);
			const b = connectBoard(server.wsUrl, poisoned, managerToken);
			await waitFor(() => a.provider.synced && b.provider.synced && readBoard(a.doc).cards.length === 5, 10_000, 'the board opens');
			resultText(a.doc, cardId).insert(0, 'Vẫn làm việc được');
			await waitFor(() => card(b.doc, cardId).result.startsWith('Vẫn làm việc được'), 5000, 'an honest edit relayed');
			// The overwrite (Yjs overflows its stack collecting 6,000 levels) and the undecodable bytes.
			// Quarantine is written beside the board's opening (in the background): both rows arrive.
			let reasons: string[] = [];
			for (let i = 0; i < 50 && reasons.length < 2; i++) {
				reasons = (await server.sync.store.listQuarantine(poisoned)).map((q) => `${q.cause}: ${q.reason.slice(0, 14)}`);
				if (reasons.length < 2) await new Promise((r) => setTimeout(r, 100));
			}
			expect(reasons).toEqual(['load_failed: Yjs failed on ', 'load_failed: Yjs failed on ']);
			a.destroy();
			b.destroy();
		} finally {
			console.error = origError;
		}
		// Shown to administrators, with who sent them; nobody else may read them.
		const adminToken = await login(server.url, 'admin');
		const listed = await api<{ id: number; boardId: string; userId: string; size: number }[]>(server.url, adminToken, '/api/admin/quarantine');
		expect(listed.filter((q) => q.boardId === poisoned)).toHaveLength(2);
		// The undecodable bytes come back as they were stored.
		const garbage = listed.find((q) => q.boardId === poisoned && q.size === 6)!;
		const bytes = await fetch(`${server.url}/api/admin/quarantine/${garbage.id}/data`, { headers: { authorization: `Bearer ${adminToken}` } });
		expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([1, 2, 3, 250, 251, 252]);
		expect(listed.find((q) => q.boardId === poisoned)).toMatchObject({ userId: attacker.id });
		const asEditor = await fetch(`${server.url}/api/admin/quarantine`, { headers: { authorization: `Bearer ${leadToken}` } });
		expect(asEditor.status).toBe(403);
	});

	it('5. values outside the document schema are refused: a number as completedAt, someone else as updatedBy, a duplicate comment id, an unknown key', async () => {
		const c = connectBoard(server.wsUrl, boardId, leadToken);
		await synced(c);
		const leadCard = foreignCard;
		const existingComment =
			card(serverDoc(), leadCard).comments[0]?.id ??
			(addComment(c.doc, leadCard, { body: 'Một ý kiến' }, lead), card(c.doc, leadCard).comments[0].id);
		await waitFor(() => card(serverDoc(), leadCard).comments.some((x) => x.id === existingComment), 3000, 'a comment');
		const attempts: ((m: Y.Map<unknown>, d: Y.Doc) => void)[] = [
			(m) => m.set(CARD.completedAt, 12345),
			(m) => m.set(CARD.updatedBy, attacker.id),
			(_m, d) => addComment(d, leadCard, { id: existingComment, body: 'trùng mã' }, lead),
			(m) => m.set('junk', 'x')
		];
		const expected = ['schema_mismatch', 'signed_by_other', 'comment_id_taken', 'schema_mismatch'];
		for (const attempt of attempts) {
			const d = copyOf(c.doc, Math.floor(Math.random() * 1e9));
			const sv = Y.encodeStateVector(d);
			attempt(d.getMap<Y.Map<unknown>>('cards').get(leadCard)!, d);
			const denied = c.denied.length;
			send(c, updateFrame(Y.encodeStateAsUpdate(d, sv)));
			await waitFor(() => c.denied.length > denied, 3000, 'the refusal');
			await pause(1000); // refusals are reported at most once a second
		}
		expect(c.denied).toEqual(expected);
		const stored = server.sync.rooms.get(boardId)!.doc.getMap<Y.Map<unknown>>('cards').get(leadCard)!;
		expect(stored.get(CARD.completedAt)).not.toBe(12345);
		expect(stored.get(CARD.updatedBy)).not.toBe(attacker.id);
		expect(stored.has('junk')).toBe(false);
		expect(card(serverDoc(), leadCard).comments.filter((x) => x.id === existingComment)).toHaveLength(1);
		const res = await fetch(`${server.url}/api/boards/${boardId}/export.xlsx`, { headers: { authorization: `Bearer ${managerToken}` } });
		expect(res.status).toBe(200);
		c.destroy();
	}, 20_000);

	it('6. presence: nobody can overwrite or remove another user’s awareness entry, and the identity is the server’s', async () => {
		const victim = connectBoard(server.wsUrl, boardId, leadToken);
		const bad = connectBoard(server.wsUrl, boardId, attackerToken);
		const watcher = connectBoard(server.wsUrl, boardId, managerToken);
		await Promise.all([synced(victim), synced(bad), synced(watcher)]);
		victim.provider.awareness.setLocalState({ user: { id: lead.id, name: 'Sở Tài chính' }, cardId: foreignCard });
		await waitFor(() => watcher.provider.awareness.getStates().get(victim.doc.clientID)?.cardId === foreignCard, 3000, 'the victim’s presence');
		// A forged entry for the victim's client id (a higher clock), then a removal of it.
		const forged = new Y.Doc();
		forged.clientID = victim.doc.clientID;
		const aw = new awarenessProtocol.Awareness(forged);
		const clock = (victim.provider.awareness.meta.get(victim.doc.clientID)?.clock ?? 0) + 5;
		aw.meta.set(forged.clientID, { clock, lastUpdated: Date.now() });
		aw.states.set(forged.clientID, { user: { id: lead.id, name: 'Kẻ mạo danh' }, cardId: ownCard });
		send(bad, awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(aw, [forged.clientID])));
		aw.meta.set(forged.clientID, { clock: clock + 1, lastUpdated: Date.now() });
		aw.states.delete(forged.clientID);
		send(bad, awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(aw, [forged.clientID])));
		// The attacker's own entry, claiming to be the lead: stamped with the attacker's identity.
		bad.provider.awareness.setLocalState({ user: { id: lead.id, name: 'Sở Tài chính' }, cardId: ownCard });
		await waitFor(() => watcher.provider.awareness.getStates().get(bad.doc.clientID)?.cardId === ownCard, 3000, 'the attacker’s presence');
		await pause(100);
		const states = watcher.provider.awareness.getStates();
		expect(states.get(victim.doc.clientID)).toMatchObject({ cardId: foreignCard, user: { id: lead.id } });
		expect(states.get(bad.doc.clientID)).toMatchObject({ user: { id: attacker.id } });
		aw.destroy();
		for (const c of [victim, bad, watcher]) c.destroy();
	});

	it('7. a socket closes (4401) within a second of logout, a password reset and deactivation, and cannot be opened again with that session', async () => {
		const adminToken = await login(server.url, 'admin');
		const users = await api<{ id: string; username: string }[]>(server.url, adminToken, '/api/admin/users');
		const target = users.find((u) => u.username === 'snnmt')!;
		const scenarios: { name: string; end: (token: string) => Promise<unknown> }[] = [
			{ name: 'logout', end: (t) => fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${t}` } }) },
			{
				name: 'password reset',
				end: () =>
					api(server.url, adminToken, `/api/admin/users/${target.id}/password`, {
						method: 'POST',
						body: JSON.stringify({ password: 'demo-phoihop' })
					})
			},
			{ name: 'deactivation', end: () => api(server.url, adminToken, `/api/admin/users/${target.id}/deactivate`, { method: 'POST' }) }
		];
		for (const s of scenarios) {
			const token = await login(server.url, 'snnmt');
			const ws = new WebSocket(`${server.wsUrl}/sync/board/${boardId}?token=${token}`);
			await new Promise((r) => ws.once('open', r));
			const closed = new Promise<{ code: number; at: number }>((r) => ws.once('close', (code) => r({ code, at: Date.now() })));
			const started = Date.now();
			await s.end(token);
			const { code, at } = await closed;
			expect(code, s.name).toBe(4401);
			expect(at - started, s.name).toBeLessThan(1000);
			expect(await closeCodeOf(`${server.wsUrl}/sync/board/${boardId}?token=${token}`), s.name).toBe(4401);
		}
		await api(server.url, adminToken, `/api/admin/users/${target.id}/reactivate`, { method: 'POST' });
	});
});
