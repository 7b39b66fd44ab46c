/**
 * The Excel round trip over HTTP (/api/roundtrip): the agency chosen (schema) and the shapes of the
 * preview (old → new per card) and of the outcome of applying it.
 */
import * as v from 'valibot';
import type { Refusal } from '../sync-refusal-codes.js';
import type { Note } from './notes.js';

/** POST /api/roundtrip/:id/preview and /apply: the agency that sent the file. */
export const ReturnAgencyBody = v.object({ agencyId: v.pipe(v.string('no_agency'), v.minLength(1, 'no_agency'), v.maxLength(200)) });

export type ChangedField = 'status' | 'progress' | 'result';

export interface FieldChange {
	field: ChangedField;
	from: string | number;
	to: string | number;
}

export interface CardChange {
	cardId: string;
	code: string;
	title: string;
	/** The row in the file ("«Phụ lục I» hàng 12"), as a note the page words. */
	where: Note;
	changes: FieldChange[];
	/** Cells of the row that could not be read (left unchanged), as notes the page words. */
	problems: Note[];
	allowed: boolean;
	/**
	 * Why the agency may not make this change, as a code (src/lib/core/sync-refusal-codes.ts): the
	 * guard's refusal of the agency's live edit, or `roundtrip_choose_agency` before an agency is chosen.
	 */
	refusal: Refusal | null;
}

export interface ReturnPreview {
	draftId: string;
	fileName: string;
	board: { id: string; title: string };
	sheet: string;
	/** Rows of the file matched to cards of the board. */
	matchedRows: number;
	agency: { id: string; name: string } | null;
	/** The board's lead agencies, to choose who sent the file. */
	agencies: Array<{ id: string; name: string; cards: number }>;
	changes: CardChange[];
}

export interface ApplyOutcome {
	applied: Array<{ cardId: string; code: string; fields: string[] }>;
	/** `code` is the card's; `refusal` why it was skipped (the guard's code, `roundtrip_stale`, `roundtrip_not_allowed`). */
	skipped: Array<{ cardId: string; code: string; refusal: Refusal }>;
}
