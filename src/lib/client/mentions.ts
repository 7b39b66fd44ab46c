/**
 * @-mentions in comments: what is being typed after "@", the suggestions for it (agencies by short or
 * full name, people by name; diacritics optional), and the spans of a comment to highlight.
 */
import { searchKey } from '../core/text.js';

export interface MentionCandidate {
	kind: 'agency' | 'person';
	id: string;
	/** Inserted after "@". */
	handle: string;
	/** Shown in the list. */
	label: string;
	detail: string;
}

/** The "@…" being typed just before the caret, or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const m = before.match(/(^|\s)@([^\s@]{0,40})$/u);
	if (!m) return null;
	return { start: caret - m[2].length - 1, query: m[2] };
}

const rank = (c: MentionCandidate) => (c.kind === 'agency' ? 0 : 1);

export function suggestMentions(candidates: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
	const q = searchKey(query);
	if (!q) return candidates.slice(0, limit);
	const scored: { c: MentionCandidate; score: number }[] = [];
	for (const c of candidates) {
		const handle = searchKey(c.handle);
		const label = searchKey(c.label);
		let score = -1;
		if (handle.startsWith(q)) score = 0;
		else if (label.startsWith(q)) score = 1;
		else if (label.split(' ').some((w) => w.startsWith(q))) score = 2;
		else if (label.includes(q)) score = 3;
		if (score >= 0) scored.push({ c, score });
	}
	return (
		scored
			// Agencies before people on a tie: mentions are mostly to agencies.
			.sort((a, b) => a.score - b.score || rank(a.c) - rank(b.c) || a.c.label.localeCompare(b.c.label, 'vi'))
			.slice(0, limit)
			.map((s) => s.c)
	);
}

/** Replaces the "@query" at `start` with "@handle " (no second space when one follows already). */
export function insertMention(text: string, start: number, caret: number, handle: string): { text: string; caret: number } {
	const rest = text.slice(caret);
	const spaced = /^\s/.test(rest);
	const inserted = `@${handle}${spaced ? '' : ' '}`;
	return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length + (spaced ? 1 : 0) };
}

export type CommentPart = { text: string; mention: boolean };

/** Splits a comment into plain text and mentions of known handles (longest handle first). */
export function splitMentions(body: string, handles: readonly string[]): CommentPart[] {
	if (!body.includes('@') || handles.length === 0) return [{ text: body, mention: false }];
	const escaped = [...handles].sort((a, b) => b.length - a.length).map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const re = new RegExp(`@(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
	const parts: CommentPart[] = [];
	let last = 0;
	for (const m of body.matchAll(re)) {
		if (m.index > last) parts.push({ text: body.slice(last, m.index), mention: false });
		parts.push({ text: m[0], mention: true });
		last = m.index + m[0].length;
	}
	if (last < body.length) parts.push({ text: body.slice(last), mention: false });
	return parts;
}
