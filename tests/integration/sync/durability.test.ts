import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addComment, readBoard } from '../../../src/lib/core/board-doc.js';
import { api, connectBoard, login, synced, tempDataDir, waitFor } from '../helpers/server.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '../helpers/child-server.ts');
const dataDir = tempDataDir();

function spawnServer(): Promise<{ child: ChildProcess; url: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
			env: { ...process.env, DATA_DIR: dataDir, PHOIHOP_DEMO: '1' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		child.stdout!.on('data', (d) => {
			out += d;
			const m = out.match(/READY (\S+)/);
			if (m) resolve({ child, url: m[1] });
		});
		child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
	});
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('durability', () => {
	it('after SIGKILL under a stream of edits, every update a client had received is there on restart', async () => {
		const first = await spawnServer();
		const token = await login(first.url, 'thuky');
		const me = (await api<{ user: { id: string; agencyId: string | null } }>(first.url, token, '/api/me')).user;
		const boardId = (await api<{ id: string }[]>(first.url, token, '/api/boards'))[0].id;
		const cardId = (await api<{ cards: { id: string }[] }>(first.url, token, `/api/boards/${boardId}`)).cards[0].id;
		const wsUrl = first.url.replace(/^http/, 'ws');
		const writer = connectBoard(wsUrl, boardId, token);
		const reader = connectBoard(wsUrl, boardId, token);
		await Promise.all([synced(writer), synced(reader)]);

		let n = 0;
		const timer = setInterval(() => {
			addComment(writer.doc, cardId, { body: `Cập nhật số ${n++}` }, { userId: me.id, agencyId: me.agencyId });
		}, 2);
		await waitFor(() => readBoard(reader.doc).cards.find((c) => c.id === cardId)!.comments.length >= 150, 15_000);
		first.child.kill('SIGKILL');
		clearInterval(timer);
		await new Promise((r) => first.child.once('exit', r));
		// What the reader got came through the server, which logs before it relays.
		const received = readBoard(reader.doc)
			.cards.find((c) => c.id === cardId)!
			.comments.map((c) => c.body);
		writer.destroy();
		reader.destroy();

		const second = await spawnServer();
		try {
			const t2 = await login(second.url, 'thuky');
			const after = await api<{ cards: { id: string; comments: { body: string }[] }[] }>(second.url, t2, `/api/boards/${boardId}`);
			const stored = new Set(after.cards.find((c) => c.id === cardId)!.comments.map((c) => c.body));
			expect(received.length).toBeGreaterThanOrEqual(150);
			for (const body of received) expect(stored.has(body)).toBe(true);
		} finally {
			second.child.kill('SIGKILL');
		}
	}, 60_000);
});
