/**
 * Presence (awareness) as the server lets it through: a connection speaks only for client ids it
 * owns, and the identity in each entry (user id, name, agency) is stamped from the session, so that
 * nobody can appear as someone else, or remove or rewrite someone else's entry.
 *
 * The wire format is y-protocols' awareness update: a count, then per entry the client id, its clock
 * and its state as JSON ("null" removes the entry).
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { presenceColor } from '../../src/lib/core/presence-colors.js';

/** Who a connection is, as the server knows it. */
export interface PresenceIdentity {
	id: string;
	name: string;
	agencyShortName: string | null;
}

/** Entries per message and bytes per state: far above what a board client sends. */
const MAX_ENTRIES = 16;
const MAX_STATE_BYTES = 4096;

export interface PresenceEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

/** Decodes an awareness update; throws on anything malformed (or with more than `maxEntries` entries). */
export function decodePresence(update: Uint8Array, maxEntries = MAX_ENTRIES): PresenceEntry[] {
	const d = decoding.createDecoder(update);
	const n = decoding.readVarUint(d);
	if (n > maxEntries) throw new Error('too many awareness entries');
	const out: PresenceEntry[] = [];
	for (let i = 0; i < n; i++) {
		const clientId = decoding.readVarUint(d);
		const clock = decoding.readVarUint(d);
		const json = decoding.readVarString(d);
		if (json.length > MAX_STATE_BYTES) throw new Error('awareness state too large');
		const state = JSON.parse(json) as unknown;
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('awareness state is not an object');
		out.push({ clientId, clock, state: state as Record<string, unknown> | null });
	}
	return out;
}

export function encodePresence(entries: PresenceEntry[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, entries.length);
	for (const x of entries) {
		encoding.writeVarUint(e, x.clientId);
		encoding.writeVarUint(e, x.clock);
		encoding.writeVarString(e, JSON.stringify(x.state));
	}
	return encoding.toUint8Array(e);
}

/**
 * The entries a connection may publish: those for client ids its user owns (or may bind now), with
 * the identity replaced by the server's. `mayUse` says whether the client id is (or can become) the
 * user's; entries for other ids are dropped.
 */
export function stampPresence(entries: PresenceEntry[], identity: PresenceIdentity, mayUse: (clientId: number) => boolean): PresenceEntry[] {
	const out: PresenceEntry[] = [];
	for (const x of entries) {
		if (!mayUse(x.clientId)) continue;
		if (x.state === null) {
			out.push(x);
			continue;
		}
		out.push({ ...x, state: { ...x.state, user: { ...identity, color: presenceColor(identity.id) } } });
	}
	return out;
}
