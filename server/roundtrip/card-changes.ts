/**
 * What a returned workbook would change on the board, card by card (old → new), and whether the
 * agency that sent it may make each change. The change is built as a Yjs update on a copy of the
 * board document with the document's own accessors, then checked by the sync server's permission
 * guard with the agency as the subject: exactly the rules a live edit by that agency meets.
 */
import * as Y from 'yjs';
import type { CardData, Status } from '../../src/lib/core/board-types.js';
import { cardsMap, readCard, setProgress, setResult, setStatus, type Actor } from '../../src/lib/core/board-doc.js';
import type { GuardContext } from '../sync/document-guard.js';
import type { Room } from '../sync/room.js';
import type { ReturnedRow } from './returned-rows.js';

export type { CardChange, ChangedField, FieldChange } from '../../src/lib/core/api/roundtrip.js';
import type { CardChange, ChangedField, FieldChange } from '../../src/lib/core/api/roundtrip.js';

/** The changes of each row against the document as it is now; rows that change nothing are left out. */
export function cardChanges(room: Room, rows: ReturnedRow[], guard: GuardContext, actor: Actor): CardChange[] {
	const doc = room.doc;
	const clientId = room.clientIdForServerEdits(actor.userId);
	const out: CardChange[] = [];
	for (const row of rows) {
		const map = cardsMap(doc).get(row.cardId);
		if (!map) continue;
		const card = readCard(row.cardId, map);
		const changes = rowChanges(card, row);
		if (!changes.length && !row.problems.length) continue;
		const verdict = changes.length ? room.check(actor.userId, guard, cardUpdate(doc, row.cardId, changes, actor, clientId)) : { ok: true as const };
		out.push({
			cardId: row.cardId,
			code: card.code,
			title: card.title,
			where: row.where,
			changes,
			problems: row.problems,
			allowed: verdict.ok,
			refusal: verdict.ok ? null : verdict.refusal
		});
	}
	return out;
}

/** The fields a row changes on a card: filled cells that differ from the card. */
export function rowChanges(card: CardData, row: ReturnedRow): FieldChange[] {
	const changes: FieldChange[] = [];
	if (row.status && row.status !== card.status) changes.push({ field: 'status', from: card.status, to: row.status });
	if (row.progress !== null && row.progress !== card.progress) changes.push({ field: 'progress', from: card.progress, to: row.progress });
	if (row.result !== null && row.result !== card.result) changes.push({ field: 'result', from: card.result, to: row.result });
	return changes;
}

/**
 * The change as an update: made on a copy of the document, so the board itself is untouched until
 * the update passes the guard. Status goes first, so a progress given with "Hoàn thành" still wins.
 */
export function cardUpdate(doc: Y.Doc, cardId: string, changes: FieldChange[], actor: Actor, clientId: number): Uint8Array {
	const copy = new Y.Doc();
	copy.clientID = clientId;
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(copy);
	copy.transact(() => {
		for (const c of changes) {
			if (c.field === 'status') setStatus(copy, cardId, c.to as Status, actor);
			else if (c.field === 'progress') setProgress(copy, cardId, Number(c.to), actor);
			else setResult(copy, cardId, String(c.to), actor);
		}
	});
	const update = Y.encodeStateAsUpdate(copy, before);
	copy.destroy();
	return update;
}

/** The card's current value of a field, to see whether it moved since the preview. */
export function currentValue(doc: Y.Doc, cardId: string, field: ChangedField): string | number | null {
	const map = cardsMap(doc).get(cardId);
	return map ? readCard(cardId, map)[field] : null;
}
