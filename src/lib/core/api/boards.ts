/** Boards over HTTP: the query of GET /api/boards/:id/activity. */
import * as v from 'valibot';
import { Id } from './text.js';

/** A number from the query string, or the default when it is absent or not a number. */
const queryNumber = (fallback: number, min: number, max: number) =>
	v.optional(
		v.pipe(
			v.string(),
			v.transform((s) => Number(s)),
			v.transform((n) => (Number.isFinite(n) && n !== 0 ? Math.min(max, Math.max(min, Math.trunc(n))) : fallback))
		),
		String(fallback)
	);

/** `?limit=` (1–500, default 100) entries, `?cardId=` of one card. */
export const ActivityQuery = v.object({
	limit: queryNumber(100, 1, 500),
	cardId: v.optional(Id)
});
