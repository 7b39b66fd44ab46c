/**
 * The words of an inbox message: stored as notes (`inbox_messages.text_json`, code and params) and
 * worded by whoever reads them, the inbox page in its interface language, the e-mails in Vietnamese
 * (src/lib/i18n/notes.ts). A message stored before codes has none: its `title` and `body` columns
 * hold its Vietnamese text as written, shown as they are.
 */
import type { InboxText } from '../../src/lib/core/api/inbox.js';
import { isNoteCode, noteMessage, type NoteLocale } from '../../src/lib/i18n/notes.js';

export type { InboxText };

/** The columns a new message stores: its notes, an empty title, and a body only for a person's own words. */
export function storedText(text: InboxText, ownWords = ''): { title: string; body: string; text_json: string } {
	return { title: '', body: ownWords, text_json: JSON.stringify(text) };
}

/** The notes of a stored message; null for one stored before codes (or whose notes cannot be read). */
export function readText(json: string | null): InboxText | null {
	if (!json) return null;
	try {
		const text = JSON.parse(json) as InboxText;
		return text && typeof text.title?.code === 'string' && isNoteCode(text.title.code) ? text : null;
	} catch {
		return null;
	}
}

/** A stored message's title and body in a language: worded from its notes, or its text as written. */
export function inboxWords(lang: NoteLocale, row: { title: string; body: string; text_json: string | null }): { title: string; body: string } {
	const text = readText(row.text_json);
	if (!text) return { title: row.title, body: row.body };
	return { title: noteMessage(lang, text.title), body: text.body ? noteMessage(lang, text.body) : row.body };
}
