/**
 * Binds a plain <textarea> to a Y.Text: a local edit is diffed against the text (common prefix and
 * suffix) and applied as one delete + insert; a remote edit rewrites the textarea's value and moves
 * the local selection through the change so the caret stays where the person was typing.
 */
import * as Y from 'yjs';

export interface TextDiff {
	index: number;
	remove: number;
	insert: string;
}

/** The smallest single replacement turning `before` into `after` (common prefix and suffix kept). */
export function diffText(before: string, after: string): TextDiff | null {
	if (before === after) return null;
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
		endBefore--;
		endAfter--;
	}
	// Never split a surrogate pair (an emoji) between the kept and the replaced part.
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Where a position of the old text ends up after a Yjs text delta. Text inserted exactly at the
 * position goes after it (the caret stays before what someone else typed there).
 */
export function transformIndex(index: number, delta: Y.YTextEvent['delta']): number {
	let pos = 0; // position in the old text
	let shift = 0;
	for (const op of delta) {
		if (pos >= index) break;
		if (op.retain !== undefined) {
			pos += op.retain;
		} else if (op.insert !== undefined) {
			shift += typeof op.insert === 'string' ? op.insert.length : 1;
		} else if (op.delete !== undefined) {
			shift -= Math.min(op.delete, index - pos);
			pos += op.delete;
		}
	}
	return index + shift;
}

export interface TextareaBinding {
	destroy(): void;
}

export interface BindingOptions {
	/** Transaction origin of local edits (so observers can tell them apart). */
	origin?: unknown;
	/** After each local edit. */
	onLocalChange?(): void;
}

export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text, options: BindingOptions = {}): TextareaBinding {
	const origin = options.origin ?? textarea;
	textarea.value = text.toString();

	const onInput = () => {
		const diff = diffText(text.toString(), textarea.value);
		if (!diff) return;
		const doc = text.doc;
		const apply = () => {
			if (diff.remove > 0) text.delete(diff.index, diff.remove);
			if (diff.insert) text.insert(diff.index, diff.insert);
		};
		if (doc) doc.transact(apply, origin);
		else apply();
		options.onLocalChange?.();
	};

	const observer = (event: Y.YTextEvent, tr: Y.Transaction) => {
		if (tr.origin === origin) return;
		const focused = document.activeElement === textarea;
		const start = textarea.selectionStart;
		const end = textarea.selectionEnd;
		const direction = textarea.selectionDirection;
		textarea.value = text.toString();
		if (focused) textarea.setSelectionRange(transformIndex(start, event.delta), transformIndex(end, event.delta), direction);
	};

	textarea.addEventListener('input', onInput);
	text.observe(observer);
	return {
		destroy() {
			textarea.removeEventListener('input', onInput);
			text.unobserve(observer);
		}
	};
}
