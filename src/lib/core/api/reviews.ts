/** Review sessions over HTTP: the bodies of the routes under /api/boards/:id/reviews and /api/reviews/:sid. */
import * as v from 'valibot';
import { STATUSES } from '../board-types.js';
import { isoDate } from '../deadline.js';
import { Id } from './text.js';

/** A whole number, sent as a number or as its digits. */
const wholeNumber = (min: number, max: number, code: 'bad_quarter') =>
	v.pipe(v.union([v.number(), v.string()], code), v.transform(Number), v.integer(code), v.minValue(min, code), v.maxValue(max, code));

/** POST /api/boards/:id/reviews */
export const OpenReviewBody = v.object({
	year: wholeNumber(2000, 2100, 'bad_quarter'),
	quarter: wholeNumber(1, 4, 'bad_quarter'),
	title: v.optional(
		v.pipe(
			v.string(),
			v.transform((s) => s.normalize('NFC').slice(0, 200))
		)
	)
});

/** PUT /api/reviews/:sid/order: every agenda item, once, in the new order. */
export const ReorderBody = v.object({ itemIds: v.pipe(v.array(Id), v.maxLength(5000)) });

/** POST /api/reviews/:sid/current */
export const CurrentItemBody = v.object({ itemId: Id });

/** POST /api/reviews/:sid/control: to someone attending, or (no userId) back to the caller. */
export const ControlBody = v.object({ userId: v.optional(v.nullable(Id)) });

const note = (max: number, code: 'conclusion_too_long' | 'follow_up_too_long') =>
	v.pipe(
		v.optional(v.nullable(v.string()), ''),
		v.transform((s) => (s ?? '').normalize('NFC').trim()),
		v.maxLength(max, code)
	);

/** A calendar date YYYY-MM-DD that exists, or null for none. */
const dueDate = v.pipe(
	v.optional(v.nullable(v.string('bad_date')), null),
	v.transform((s) => {
		if (s === null || s === '') return null;
		const m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
		return (m && isoDate(Number(m[1]), Number(m[2]), Number(m[3]))) || undefined;
	}),
	v.check((d) => d !== undefined, 'bad_date'),
	v.transform((d) => d ?? null)
);

/** POST /api/reviews/:sid/items/:itemId: what the facilitator records for a card. */
export const RecordItemBody = v.object({
	conclusion: note(4000, 'conclusion_too_long'),
	decision: v.optional(v.nullable(v.picklist(STATUSES, 'bad_status')), null),
	followUp: note(2000, 'follow_up_too_long'),
	followUpAgencyId: v.pipe(
		v.optional(v.nullable(v.string('bad_agency')), null),
		v.transform((s) => s || null)
	),
	followUpDue: dueDate
});
