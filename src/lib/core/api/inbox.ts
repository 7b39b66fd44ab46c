/** The inbox and reminders over HTTP: the bodies of POST /api/inbox/read and POST /api/boards/:id/reminders. */
import * as v from 'valibot';
import { Id } from './text.js';

/** The messages to mark read; all of the caller's when `ids` is absent. */
export const MarkReadBody = v.object({ ids: v.optional(v.pipe(v.array(Id), v.maxLength(10_000))) });

/** The late agencies to remind (all of them when absent); `confirm` sends a second reminder on the same day. */
export const RemindBody = v.object({
	agencyIds: v.optional(v.pipe(v.array(Id), v.maxLength(10_000))),
	confirm: v.optional(v.boolean(), false)
});
