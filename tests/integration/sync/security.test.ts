import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import fc from 'fast-check';
import { readBoard, setStatus, titleText } from '../../../src/lib/core/board-doc.js';
import { importParsedPlan } from '../../../server/import/persist.js';
import type { ParsedPlan } from '../../../src/lib/core/parsed-plan.js';
import { api, closeCodeOf, connectBoard, login, startTestServer, synced, waitFor, type TestServer, orgIdOf } from '../helpers/server.js';

let server: TestServer;
let token: string;
let boardId: string;
let cardId: string;

beforeAll(async () => {
	server = await startTestServer({ maxMessageBytes: 64 * 1024 });
	token = await login(server.url, 'thuky');
	boardId = (await api<{ id: string }[]>(server.url, token, '/api/boards'))[0].id;
	cardId = (await api<{ cards: { id: string }[] }>(server.url, token, `/api/boards/${boardId}`)).cards[0].id;
});
afterAll(async () => server.stop());

function syncUpdateFrame(payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

const boardUrl = () => `${server.wsUrl}/sync/board/${boardId}`;

describe('signing in on upgrade', () => {
	it('an upgrade without a session is closed with 4401', async () => {
		expect(await closeCodeOf(boardUrl())).toBe(4401);
		expect(await closeCodeOf(`${boardUrl()}?token=not-a-token`)).toBe(4401);
	});

	it('a cookie-authenticated upgrade from a foreign origin is closed with 4403', async () => {
		const headers = { cookie: `phoihop_session=${token}`, origin: 'http://evil.example' };
		expect(await closeCodeOf(boardUrl(), headers)).toBe(4403);
	});

	it('a same-origin cookie upgrade is accepted', async () => {
		const host = new URL(server.url).host;
		const ws = new WebSocket(boardUrl(), { headers: { cookie: `phoihop_session=${token}`, origin: server.url, host } });
		const first = await new Promise<Buffer>((resolve, reject) => {
			ws.on('message', (d) => resolve(d as Buffer));
			ws.on('close', (code) => reject(new Error(`closed ${code}`)));
		});
		expect(first[0]).toBe(0); // sync step 1 from the server
		ws.close();
	});

	it('a user whose agency takes no part in a board is closed with 4403', async () => {
		const snnmt = await login(server.url, 'snnmt');
		const other = await privateBoard();
		expect(await closeCodeOf(`${server.wsUrl}/sync/board/${other}?token=${snnmt}`)).toBe(4403);
		expect(await closeCodeOf(`${server.wsUrl}/sync/board/nope?token=${snnmt}`)).toBe(4404);
	});
});

describe('read-only connections', () => {
	it("a leader's edits reach neither other clients nor the database, and the leader is told", async () => {
		const leaderToken = await login(server.url, 'lanhdao');
		const leaderId = (await api<{ user: { id: string } }>(server.url, leaderToken, '/api/me')).user.id;
		const leader = connectBoard(server.wsUrl, boardId, leaderToken);
		const watcher = connectBoard(server.wsUrl, boardId, token);
		await Promise.all([synced(leader), synced(watcher)]);
		const before = server.sync.rooms.get(boardId)!.lastSeq;
		setStatus(leader.doc, cardId, 'blocked', { userId: 'x' });
		await waitFor(() => leader.denied.length > 0, 3000, 'permission denied message');
		await new Promise((r) => setTimeout(r, 200));
		expect(readBoard(watcher.doc).cards.find((c) => c.id === cardId)!.status).not.toBe('blocked');
		expect(server.sync.rooms.get(boardId)!.lastSeq).toBe(before);
		// Awareness still flows for read-only users, under the identity the server stamps.
		leader.provider.awareness.setLocalState({ user: { id: 'someone-else', name: 'Mạo danh' }, cardId });
		await waitFor(() => [...watcher.provider.awareness.getStates().values()].some((s) => s.cardId === cardId && s.user?.id === leaderId));
		expect([...watcher.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Mạo danh')).toBe(false);
		leader.destroy();
		watcher.destroy();
	});
});

describe('bad input', () => {
	it('a text frame is closed with 4400; garbage bytes with 4400; an oversized message with 4413', async () => {
		const url = `${boardUrl()}?token=${token}`;
		expect(await closeCodeOf(url, {}, (ws) => ws.send('hello'))).toBe(4400);
		expect(await closeCodeOf(url, {}, (ws) => ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2])))).toBe(4400);
		expect(await closeCodeOf(url, {}, (ws) => ws.send(Buffer.alloc(100 * 1024, 1)))).toBe(4413);
	});

	it('fuzzed updates never harm the document, and other clients notice nothing', async () => {
		const watcher = connectBoard(server.wsUrl, boardId, token);
		await synced(watcher);
		const before = JSON.stringify(readBoard(server.sync.rooms.get(boardId)!.doc));
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
				await new Promise<void>((resolve) => {
					const ws = new WebSocket(`${boardUrl()}?token=${token}`);
					ws.on('open', () => {
						ws.send(syncUpdateFrame(bytes));
						setTimeout(() => ws.close(), 5);
					});
					ws.on('close', () => resolve());
					ws.on('error', () => resolve());
				});
			}),
			{ numRuns: 60 }
		);
		expect(JSON.stringify(readBoard(server.sync.rooms.get(boardId)!.doc))).toBe(before);
		// The server still serves: a real edit goes through to the watcher.
		const editor = connectBoard(server.wsUrl, boardId, token);
		await synced(editor);
		titleText(editor.doc, cardId).insert(0, 'Sau fuzz ');
		await waitFor(() => titleText(watcher.doc, cardId).toString().startsWith('Sau fuzz '));
		editor.destroy();
		watcher.destroy();
	});

	it('a flood of awareness messages is throttled and the server stays responsive', async () => {
		const flooder = connectBoard(server.wsUrl, boardId, token);
		const watcher = connectBoard(server.wsUrl, boardId, token);
		await Promise.all([synced(flooder), synced(watcher)]);
		let received = 0;
		watcher.provider.awareness.on('change', () => received++);
		for (let i = 0; i < 2000; i++) flooder.provider.awareness.setLocalStateField('n', i);
		await new Promise((r) => setTimeout(r, 500));
		expect(received).toBeLessThan(200);
		const res = await fetch(`${server.url}/api/health`);
		expect(res.status).toBe(200);
		flooder.destroy();
		watcher.destroy();
	});
});

/** A board whose only agency is one no demo editor belongs to. */
async function privateBoard(): Promise<string> {
	const parsed: ParsedPlan = {
		plan: { number: null, docType: 'Kế hoạch', title: 'Kế hoạch riêng', issuer: null, place: null, date: null, year: 2026 },
		appendices: [
			{
				kind: 'tasks',
				title: 'Phụ lục',
				derived: false,
				sections: [
					{
						code: 'I',
						title: 'Nhiệm vụ',
						tasks: [
							{
								stt: '1',
								title: 'Việc riêng của Sở Y tế',
								lead: ['Sở Y tế'],
								support: [],
								leadRaw: 'Sở Y tế',
								supportRaw: '',
								output: null,
								deadline: { raw: 'Quý I/2026', kind: 'quarter', due: '2026-03-31' }
							}
						]
					}
				]
			}
		],
		indicators: [],
		reports: [],
		warnings: []
	};
	const summary = await importParsedPlan(server.ctx.db, parsed, { sourceName: 'test', sourceText: '', orgId: await orgIdOf(server) });
	return summary.boards[0].id;
}
