/**
 * Writes what was read from a Word or Excel file as the text form the plan parser reads:
 * paragraphs separated by blank lines, table rows as tab-separated lines. Each table row's line
 * remembers where the row was in the file, so a warning about line 40 can say "Bảng 2, hàng 5"
 * (a note, worded by the catalogue in the reader's language).
 */
import type { ParseWarning } from '../../../src/lib/core/parsed-plan.js';
import type { Note, NoteCode, NoteParams } from '../../../src/lib/core/api/notes.js';
import { parseWarning } from '../warnings.js';

export interface OfficeSource {
	text: string;
	/** Line number → where that line came from in the original file. */
	labels: Record<number, Note>;
	/** Things the reader noticed that the parser cannot (a table it could not read). */
	notes: ParseWarning[];
	/** Tables that looked like data but had no header the importer knows. */
	unrecognisedTables: number;
}

export class SourceBuilder {
	private lines: string[] = [];
	private labels: Record<number, Note> = {};
	private notes: ParseWarning[] = [];
	unrecognisedTables = 0;

	/** A paragraph; its line breaks stay line breaks. Tabs would make it a table row, so they become spaces. */
	paragraph(text: string, label?: Note): void {
		const lines = text
			.split('\n')
			.map((l) => l.replace(/[\t ]+/g, ' ').trim())
			.filter(Boolean);
		if (!lines.length) return;
		this.separate();
		for (const line of lines) {
			this.lines.push(line);
			if (label) this.labels[this.lines.length] = label;
		}
	}

	/** One line as it stands (a blank line stays blank); a tab would make it a table row, so it becomes a space. */
	line(text: string, label?: Note): void {
		const clean = text.replace(/[\t ]+/g, ' ').trimEnd();
		if (!clean.trim() && this.lines.length && this.lines[this.lines.length - 1] === '') return;
		this.lines.push(clean);
		if (label && clean.trim()) this.labels[this.lines.length] = label;
	}

	row(cells: string[], label: Note): void {
		if (this.lines.length && this.lines[this.lines.length - 1] !== '' && !this.lines[this.lines.length - 1].includes('\t')) this.lines.push('');
		this.lines.push(cells.map((c) => c.replace(/\s+/g, ' ').trim()).join('\t'));
		this.labels[this.lines.length] = label;
	}

	/** A warning attached to the next line written. */
	note(code: NoteCode, params?: NoteParams): void {
		this.notes.push(parseWarning(this.lines.length + 1, code, params));
	}

	build(): OfficeSource {
		return { text: `${this.lines.join('\n')}\n`, labels: this.labels, notes: this.notes, unrecognisedTables: this.unrecognisedTables };
	}

	private separate(): void {
		if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.lines.push('');
	}
}
