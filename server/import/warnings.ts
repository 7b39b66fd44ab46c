import type { ParseWarning } from '../../src/lib/core/parsed-plan.js';
import { note, type NoteCode, type NoteParams } from '../../src/lib/core/api/notes.js';
import { noteMessage } from '../../src/lib/i18n/notes.js';

/** A warning about a line: its code and params, and the catalogue's Vietnamese wording of them for tools. */
export function parseWarning(line: number | null, code: NoteCode, params?: NoteParams): ParseWarning {
	const n = note(code, params);
	return { line, ...n, message: noteMessage('vi', n) };
}

/** Collects the parser's warnings; `once` keeps repeated facts (a merged agency) to one line. */
export class Warnings {
	readonly list: ParseWarning[] = [];
	private readonly seen = new Set<string>();

	add(line: number | null, code: NoteCode, params?: NoteParams): void {
		this.list.push(parseWarning(line, code, params));
	}

	once(key: string, line: number | null, code: NoteCode, params?: NoteParams): void {
		if (this.seen.has(key)) return;
		this.seen.add(key);
		this.add(line, code, params);
	}
}
