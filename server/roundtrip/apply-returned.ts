/**
 * Applying a reviewed workbook: each allowed card change goes through the room exactly as a live
 * edit by the agency would (room.applyClientUpdate: permission check, apply, durable log, relay to
 * everyone editing the board). The update log attributes it to the admin who uploaded the file;
 * the caller records on whose behalf. A card that moved on the board since the preview is skipped.
 */
import type { Actor } from '../../src/lib/core/board-doc.js';
import type { GuardContext } from '../sync/document-guard.js';
import type { Peer, Room } from '../sync/room.js';
import { cardUpdate, currentValue, type CardChange } from './card-changes.js';

export type { ApplyOutcome } from '../../src/lib/core/api/roundtrip.js';
import type { ApplyOutcome } from '../../src/lib/core/api/roundtrip.js';

export function applyReturned(room: Room, reviewed: CardChange[], guard: GuardContext, actor: Actor): ApplyOutcome {
	// A peer that is no connection: the room relays the change to every connected client.
	const peer: Peer = {
		userId: actor.userId,
		guard,
		identity: { id: actor.userId, name: '', agencyShortName: null },
		send() {},
		sendShared() {},
		close() {}
	};
	const clientId = room.clientIdForServerEdits(actor.userId);
	const outcome: ApplyOutcome = { applied: [], skipped: [] };
	for (const change of reviewed) {
		if (!change.changes.length) continue;
		if (!change.allowed) {
			// A draft reviewed before refusals had codes has none: refused all the same.
			outcome.skipped.push({ cardId: change.cardId, code: change.code, refusal: change.refusal ?? { code: 'roundtrip_not_allowed' } });
			continue;
		}
		if (change.changes.some((c) => currentValue(room.doc, change.cardId, c.field) !== c.from)) {
			outcome.skipped.push({ cardId: change.cardId, code: change.code, refusal: { code: 'roundtrip_stale' } });
			continue;
		}
		const result = room.applyClientUpdate(peer, cardUpdate(room.doc, change.cardId, change.changes, actor, clientId));
		if (result.ok) outcome.applied.push({ cardId: change.cardId, code: change.code, fields: change.changes.map((c) => c.field) });
		else outcome.skipped.push({ cardId: change.cardId, code: change.code, refusal: result.refusal });
	}
	return outcome;
}
