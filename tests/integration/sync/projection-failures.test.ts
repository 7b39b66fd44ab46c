/**
 * The projection writes each card on its own: a card whose rows the database refuses is retried with
 * a growing delay, never in a tight loop, and the other cards of the board are written meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteBoardStore } from '../../../server/sync/sqlite-board-store.js';
import { KyselyBoardStore } from '../../../server/sync/kysely-board-store.js';
import type { OpenedDatabase } from '../../../server/db/database.js';
import { Projection } from '../../../server/sync/projection.js';
import type { BoardStore, ProjectedCard } from '../../../server/sync/board-store.js';
import { initBoardDoc, readCard, setProgress } from '../../../src/lib/core/board-doc.js';

const readCardOf = (m: Y.Map<unknown>) => readCard('seqcard', m as never);
import { openTestDatabase } from '../helpers/test-database.js';
import { refuseInserts } from '../helpers/failing-trigger.js';

let opened: OpenedDatabase & { close(): Promise<void> };

beforeAll(async () => {
	opened = await openTestDatabase();
});
afterAll(async () => {
	await opened?.close();
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
		const { db } = opened;
		const real: BoardStore = opened.sqlite ? new SqliteBoardStore(opened.sqlite) : new KyselyBoardStore(db);
		const attempts: string[] = [];
		// The real store, counting its calls; the database refuses one card's rows (a trigger).
		const store = Object.assign(Object.create(real) as BoardStore, {
			writeCard(boardId: string, card: ProjectedCard, seq: number) {
				attempts.push(card.id);
				return real.writeCard(boardId, card, seq);
			}
		});
		const allowBad = await refuseInserts(opened, 'cards', 'refused (test)', "new.id = 'bad'");
		await db.insertInto('organizations').values({ id: 'o', slug: 'o', name: 'O', created_at: '' }).execute();
		await db
			.insertInto('plans')
			.values({
				id: 'p',
				org_id: 'o',
				number: null,
				doc_type: null,
				title: 'P',
				issuer: null,
				place: null,
				date: null,
				year: 2026,
				source_name: 'x',
				source_text: '',
				parsed_json: '{}',
				created_at: ''
			})
			.execute();
		await db.insertInto('boards').values({ id: 'b1', org_id: 'o', plan_id: 'p', title: 'B', appendix: 'x', derived: 0, created_at: '' }).execute();
		const errors: unknown[] = [];
		const origError = console.error;
		console.error = (...m: unknown[]) => errors.push(m);
		const projection = new Projection(store, 10);
		try {
			projection.markDirty('b1', doc, 'all');
			await new Promise((r) => setTimeout(r, 100));
			const written = async () => (await db.selectFrom('cards').select('id').where('board_id', '=', 'b1').orderBy('id').execute()).map((r) => r.id);
			expect(await written()).toEqual(['good1', 'good2']);
			expect(projection.failingCount).toBe(1);
			// Edits keep coming; the failing card is not tried again before its delay (1 s).
			for (let i = 0; i < 20; i++) {
				setProgress(doc, 'bad', i, { userId: 'u' });
				setProgress(doc, 'good1', i, { userId: 'u' });
				projection.markDirty('b1', doc, ['bad', 'good1']);
				await new Promise((r) => setTimeout(r, 20));
			}
			expect(attempts.filter((a) => a === 'bad')).toHaveLength(1);
			expect((await db.selectFrom('cards').select('progress').where('id', '=', 'good1').executeTakeFirstOrThrow()).progress).toBe(19);
			expect(errors).toHaveLength(1); // logged once, not on every attempt
			await allowBad();
			await new Promise((r) => setTimeout(r, 1300));
			expect(await written()).toEqual(['bad', 'good1', 'good2']);
			expect(projection.failingCount).toBe(0);
		} finally {
			console.error = origError;
			projection.stop();
		}
	});

	it('a node that saw less never puts back an older card over rows projected from a later document', async () => {
		const { db } = opened;
		const store: BoardStore = opened.sqlite ? new SqliteBoardStore(opened.sqlite) : new KyselyBoardStore(db);
		const doc = new Y.Doc();
		initBoardDoc(
			doc,
			{ title: 'B', planId: 'p', appendix: 'x' },
			[{ id: 's1', code: 'I', title: 'S' }],
			[
				{
					id: 'seqcard',
					code: 'I.9',
					sectionId: 's1',
					title: 'Việc',
					lead: [],
					support: [],
					deadline: { raw: '', kind: 'unknown' as const, due: null }
				}
			]
		);
		const read = (d: Y.Doc) => {
			const m = d.getMap<Y.Map<unknown>>('cards').get('seqcard')!;
			return { id: 'seqcard', data: readCardOf(m) };
		};
		const progress = async () =>
			await db.selectFrom('cards').select(['progress', 'projected_seq']).where('id', '=', 'seqcard').executeTakeFirstOrThrow();
		setProgress(doc, 'seqcard', 70, { userId: 'u' });
		await store.writeCard('b1', read(doc), 12);
		expect(await progress()).toEqual({ progress: 70, projected_seq: 12 });
		// A lagging node (it holds the board up to 9) writes what it has: refused.
		setProgress(doc, 'seqcard', 30, { userId: 'u' });
		await store.writeCard('b1', read(doc), 9);
		expect(await progress()).toEqual({ progress: 70, projected_seq: 12 });
		// The same or a later document is written.
		await store.writeCard('b1', read(doc), 12);
		expect(await progress()).toEqual({ progress: 30, projected_seq: 12 });
	});
});
