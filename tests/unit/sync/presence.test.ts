import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodePresence, encodePresence, stampPresence, type PresenceEntry } from '../../../server/sync/presence.js';

const me = { id: 'user-me', name: 'Nguyễn Văn A', agencyShortName: 'STC' };
const OWN = new Set([11, 12]);
const mayUse = (clientId: number) => OWN.has(clientId);

const entryArb: fc.Arbitrary<PresenceEntry> = fc.record({
	clientId: fc.oneof(fc.constantFrom(11, 12, 13, 99), fc.nat()),
	clock: fc.nat(),
	state: fc.oneof(
		fc.constant(null),
		fc.record({
			user: fc.oneof(fc.constant(undefined), fc.record({ id: fc.string(), name: fc.string(), color: fc.string() })),
			cardId: fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })),
			caret: fc.jsonValue({ maxDepth: 2 })
		})
	)
});

describe('presence entries as the server lets them through', () => {
	it('only entries for client ids the connection owns pass, and every state carries the session’s identity', () => {
		fc.assert(
			fc.property(fc.array(entryArb, { maxLength: 16 }), (entries) => {
				const out = stampPresence(decodePresence(encodePresence(entries)), me, mayUse);
				for (const e of out) {
					expect(OWN.has(e.clientId)).toBe(true);
					if (e.state !== null) expect(e.state.user).toMatchObject({ id: 'user-me', name: 'Nguyễn Văn A', agencyShortName: 'STC' });
				}
				expect(out.length).toBe(entries.filter((e) => OWN.has(e.clientId)).length);
			}),
			{ numRuns: 2000 }
		);
	});

	it('a removal (state null) of someone else’s entry is dropped; of one’s own passes', () => {
		const out = stampPresence(
			[
				{ clientId: 13, clock: 9, state: null },
				{ clientId: 11, clock: 2, state: null }
			],
			me,
			mayUse
		);
		expect(out).toEqual([{ clientId: 11, clock: 2, state: null }]);
	});

	it('garbage bytes, too many entries, oversized or non-object states are refused as malformed', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
				try {
					const entries = decodePresence(bytes);
					for (const e of entries) expect(e.state === null || typeof e.state === 'object').toBe(true);
				} catch (err) {
					expect(err).toBeInstanceOf(Error);
				}
			}),
			{ numRuns: 2000 }
		);
		const many = Array.from({ length: 17 }, (_, i) => ({ clientId: i, clock: 0, state: {} }));
		expect(() => decodePresence(encodePresence(many))).toThrow();
		expect(() => decodePresence(encodePresence([{ clientId: 1, clock: 0, state: { x: 'y'.repeat(5000) } }]))).toThrow();
		expect(() => decodePresence(encodePresence([{ clientId: 1, clock: 0, state: [1, 2] as unknown as Record<string, unknown> }]))).toThrow();
	});
});
