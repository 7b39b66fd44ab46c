/**
 * The projection writes each card on its own: a card whose rows the database refuses is retried with
 * a growing delay, never in a tight loop, and the other cards of the board are written meanwhile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type SQLite from 'better-sqlite3';
import { openDatabase } from '../../../server/db/database.js';
import { SqliteBoardStore } from '../../../server/sync/sqlite-board-store.js';
import { Projection } from '../../../server/sync/projection.js';
import type { ProjectedCard } from '../../../server/sync/board-store.js';
import { initBoardDoc, setProgress } from '../../../src/lib/core/board-doc.js';

let dir: string;
let sqlite: SQLite.Database;
let destroy: () => Promise<void>;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-projection-'));
	const opened = await openDatabase(dir);
	sqlite = opened.sqlite;
	destroy = () => opened.db.destroy();
});
afterAll(async () => {
	await destroy();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('projection failures', () => {
	it('a card that cannot be written is retried with backoff while the other cards are written', async () => {
		const doc = new Y.Doc();
		const cards = ['good1', 'bad', 'good2'].map((id, i) => ({
			id,
			code: `I.${i + 1}`,
			sectionId: 's1',
			title: `Việc ${i + 1}`,
			lead: [],
			support: [],
			deadline: { raw: '', kind: 'unknown' as const, due: null }
		}));
		initBoardDoc(doc, { title: 'B', planId: 'p', appendix: 'x' }, [{ id: 's1', code: 'I', title: 'S' }], cards);
		const real = new SqliteBoardStore(sqlite);
		const attempts: string[] = [];
		// The real store, counting its calls; the database refuses one card's rows (a trigger).
		const store = Object.assign(Object.create(real) as SqliteBoardStore, {
			writeCard(boardId: string, card: ProjectedCard) {
				attempts.push(card.id);
				return real.writeCard(boardId, card);
			}
		});
		sqlite.exec(`create trigger refuse_bad before insert on cards when new.id = 'bad' begin select raise(abort, 'refused (test)'); end`);
		sqlite.exec(`insert into plans (id, title, year, source_name, source_text, parsed_json, created_at) values ('p', 'P', 2026, 'x', '', '{}', '')`);
		sqlite.exec(`insert into boards (id, plan_id, title, appendix, created_at) values ('b1', 'p', 'B', 'x', '')`);
		const errors: unknown[] = [];
		const origError = console.error;
		console.error = (...m: unknown[]) => errors.push(m);
		const projection = new Projection(store, 10);
		try {
			projection.markDirty('b1', doc, 'all');
			await new Promise((r) => setTimeout(r, 100));
			const written = () => (sqlite.prepare("select id from cards where board_id = 'b1' order by id").all() as { id: string }[]).map((r) => r.id);
			expect(written()).toEqual(['good1', 'good2']);
			expect(projection.failingCount).toBe(1);
			// Edits keep coming; the failing card is not tried again before its delay (1 s).
			for (let i = 0; i < 20; i++) {
				setProgress(doc, 'bad', i, { userId: 'u' });
				setProgress(doc, 'good1', i, { userId: 'u' });
				projection.markDirty('b1', doc, ['bad', 'good1']);
				await new Promise((r) => setTimeout(r, 20));
			}
			expect(attempts.filter((a) => a === 'bad')).toHaveLength(1);
			expect((sqlite.prepare("select progress from cards where id = 'good1'").get() as { progress: number }).progress).toBe(19);
			expect(errors).toHaveLength(1); // logged once, not on every attempt
			sqlite.exec('drop trigger refuse_bad');
			await new Promise((r) => setTimeout(r, 1300));
			expect(written()).toEqual(['bad', 'good1', 'good2']);
			expect(projection.failingCount).toBe(0);
		} finally {
			console.error = origError;
			projection.stop();
		}
	});
});
