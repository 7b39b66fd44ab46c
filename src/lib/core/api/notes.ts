/**
 * A note the server makes for a person to read: an import preview's warning, where a row is in an
 * uploaded file, a problem of a returned workbook's row, an inbox message's title and body. It is
 * sent as a code with the values its sentence needs, never as a sentence: the browser words it in
 * the interface language from the one message catalogue (src/lib/i18n/notes.ts), and the server
 * words it in Vietnamese only where it writes a document (an e-mail) or prints for an operator
 * (the import command). docs/api.md lists the codes.
 */
import type { NoteCode } from '../../i18n/notes.js';

export type { NoteCode } from '../../i18n/notes.js';

/** A value of a note's sentence: a name or number as it is, or a note worded in the same language (a list: one per line). */
export type NoteParam = string | number | Note | Note[];

export type NoteParams = Record<string, NoteParam>;

export interface Note {
	code: NoteCode;
	params?: NoteParams;
}

/** A note; `params` is left out when the sentence needs no values. */
export function note(code: NoteCode, params?: NoteParams): Note {
	return params && Object.keys(params).length ? { code, params } : { code };
}
