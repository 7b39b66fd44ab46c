import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, transformIndex } from '../../../src/lib/client/textarea-binding.js';

function deltaOf(apply: (t: Y.Text) => void, initial: string) {
	const doc = new Y.Doc();
	const text = doc.getText('t');
	text.insert(0, initial);
	let delta: Y.YTextEvent['delta'] = [];
	text.observe((e) => (delta = e.delta));
	apply(text);
	return delta;
}

describe('diffing a textarea edit into one Y.Text change', () => {
	it('typing a letter is one insert at the caret', () => {
		expect(diffText('Đã ban hành', 'Đã ban hànhh')).toEqual({ index: 11, remove: 0, insert: 'h' });
	});

	it('replacing a selection is one delete and one insert', () => {
		expect(diffText('quý II/2026', 'quý III/2026')).toEqual({ index: 6, remove: 0, insert: 'I' });
		expect(diffText('kết quả tốt', 'kết quả khá')).toEqual({ index: 8, remove: 3, insert: 'khá' });
	});

	it('a Telex input method rewriting a vowel ("a" → "á") is a one-letter replacement', () => {
		expect(diffText('Hoa', 'Hoá')).toEqual({ index: 2, remove: 1, insert: 'á' });
	});

	it('no change gives no diff', () => {
		expect(diffText('abc', 'abc')).toBeNull();
	});

	it('never splits an emoji (a surrogate pair)', () => {
		const d = diffText('a😀', 'a😃');
		expect(d?.index).toBe(1);
	});
});

describe('keeping the local caret in place when someone else edits', () => {
	it('text inserted before the caret moves it right', () => {
		const delta = deltaOf((t) => t.insert(0, 'XY'), 'abcdef');
		expect(transformIndex(3, delta)).toBe(5);
	});

	it('text inserted after the caret leaves it', () => {
		const delta = deltaOf((t) => t.insert(5, 'XY'), 'abcdef');
		expect(transformIndex(3, delta)).toBe(3);
	});

	it('text deleted before the caret moves it left', () => {
		const delta = deltaOf((t) => t.delete(0, 2), 'abcdef');
		expect(transformIndex(3, delta)).toBe(1);
	});

	it('a deletion spanning the caret puts it at the deletion point', () => {
		const delta = deltaOf((t) => t.delete(1, 4), 'abcdef');
		expect(transformIndex(3, delta)).toBe(1);
	});
});
