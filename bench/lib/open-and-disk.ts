/**
 * Server-side measurements of Phối hợp's storage, in this process on a fresh database: the time to
 * open a large board (cold from SQLite, warm from memory) up to sync step 2, and the size on disk of
 * a board after many edits, before and after compaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../server/db/database.js';
import { createOrganization } from '../../server/orgs/organizations.js';
import { importParsedPlan } from '../../server/import/persist.js';
import { SqliteBoardStore } from '../../server/sync/sqlite-board-store.js';
import { Room } from '../../server/sync/room.js';
import { cardsMap, resultText, setProgress, setStatus } from '../../src/lib/core/board-doc.js';
import { STATUSES } from '../../src/lib/core/board-types.js';
import { syntheticPlan } from './synthetic-plan.js';
import { percentile } from './process-stats.js';

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

function median(xs: number[]) {
	return percentile(
		[...xs].sort((a, b) => a - b),
		50
	);
}

export async function measureOpen(cards: number, runs: number) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-open-'));
	const { db, sqlite } = await openDatabase(dir);
	const { boards } = await importParsedPlan(db, syntheticPlan(cards), {
		sourceName: 'bench',
		sourceText: '',
		orgId: (await createOrganization(db, 'bench', 'Bench')).id
	});
	const boardId = boards[0].id;
	const store = new SqliteBoardStore(sqlite);
	const cold: number[] = [];
	const warm: number[] = [];
	const integrate: number[] = [];
	let stateBytes = 0;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		const room = await Room.load(boardId, store);
		const step2 = await room.syncStep2For(EMPTY_STATE_VECTOR);
		cold.push(performance.now() - t0);
		stateBytes = step2.reduce((n, f) => n + f.length, 0);
		const ti = performance.now();
		room.integrate();
		integrate.push(performance.now() - ti);
		for (let j = 0; j < 5; j++) {
			const t1 = performance.now();
			await room.syncStep2For(EMPTY_STATE_VECTOR);
			warm.push(performance.now() - t1);
		}
		room.destroy();
	}
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
	return { cards, coldMs: median(cold), warmMs: median(warm), integrateMs: median(integrate), stateBytes };
}

function dbBytes(file: string): number {
	return [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

export async function measureDisk(edits: number) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-disk-'));
	const { db, sqlite } = await openDatabase(dir);
	const { boards } = await importParsedPlan(db, syntheticPlan(50), {
		sourceName: 'bench',
		sourceText: '',
		orgId: (await createOrganization(db, 'bench', 'Bench')).id
	});
	const boardId = boards[0].id;
	const store = new SqliteBoardStore(sqlite);
	const room = await Room.load(boardId, store);
	const ids = [...cardsMap(room.doc).keys()];
	const t0 = performance.now();
	for (let i = 0; i < edits; i++) {
		const card = ids[i % ids.length];
		room.applyServerChange('bench', [{ cardId: card, field: 'result', detail: null }], (doc) => {
			if (i % 3 === 0) setStatus(doc, card, STATUSES[i % 4], { userId: 'bench' });
			else if (i % 3 === 1) setProgress(doc, card, i % 101, { userId: 'bench' });
			else resultText(doc, card).insert(0, 'x');
		});
	}
	await room.flush();
	const editMs = performance.now() - t0;
	const size = () =>
		(sqlite.prepare('select coalesce(sum(length(data)),0) as n from board_updates where board_id = ?').get(boardId) as { n: number }).n +
		(sqlite.prepare('select coalesce(sum(length(state)),0) as n from board_states where board_id = ?').get(boardId) as { n: number }).n;
	const before = size();
	const tc = performance.now();
	await store.compact(boardId, Y.encodeStateAsUpdate(room.doc), room.lastSeq);
	const compactMs = performance.now() - tc;
	const after = size();
	const encoded = Y.encodeStateAsUpdate(room.doc).length;
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.exec('vacuum');
	const fileAfter = dbBytes(path.join(dir, 'phoihop.sqlite'));
	room.destroy();
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
	return {
		edits,
		editsPerSecond: edits / (editMs / 1000),
		beforeBytes: before,
		afterBytes: after,
		encodedStateBytes: encoded,
		ratio: after / encoded,
		compactMs,
		dbFileBytesAfterVacuum: fileAfter
	};
}
