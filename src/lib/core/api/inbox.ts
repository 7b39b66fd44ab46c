/**
 * The inbox and reminders over HTTP: the bodies of POST /api/inbox/read and POST /api/boards/:id/reminders,
 * and the words of an inbox message as codes.
 */
import * as v from 'valibot';
import type { Note } from './notes.js';
import { Id } from './text.js';

/** The messages to mark read; all of the caller's when `ids` is absent. */
export const MarkReadBody = v.object({ ids: v.optional(v.pipe(v.array(Id), v.maxLength(10_000))) });

/** The late agencies to remind (all of them when absent); `confirm` sends a second reminder on the same day. */
export const RemindBody = v.object({
	agencyIds: v.optional(v.pipe(v.array(Id), v.maxLength(10_000))),
	confirm: v.optional(v.boolean(), false)
});

/**
 * An inbox message's words as notes the page words in its language: the title, and the body unless
 * the body is a person's own words (a comment, a mention), which come as the message's `body`.
 */
export interface InboxText {
	title: Note;
	body?: Note;
}
