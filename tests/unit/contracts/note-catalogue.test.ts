/**
 * The notes catalogue: every note the server can send (an import warning, where a row is, a returned
 * row's problem, an inbox message's words) has words in Vietnamese and English, and the catalogue
 * holds no note the server never sends. docs/api.md lists every code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteMessage, noteMessages } from '../../../src/lib/i18n/notes.js';
import { translate } from '../../../src/lib/i18n/index.svelte.js';
import type { Note } from '../../../src/lib/core/api/notes.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function serverFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? serverFiles(full) : e.name.endsWith('.ts') ? [full] : [];
	});
}

/** The codes the server's code names where it makes a note: note('…'), warnings.add(…, '…'), the deadline notices' table. */
function emittedCodes(): Map<string, string> {
	const found = new Map<string, string>();
	const patterns = [/\bnote\(\s*'([a-z_]+)'/g, /\bwarnings\.(?:add|once)\([^;]*?'([a-z_]+)'/g, /\b(?:title|body): '(inbox_[a-z_]+)'/g];
	for (const file of serverFiles(path.join(ROOT, 'server'))) {
		const text = fs.readFileSync(file, 'utf8');
		for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1], path.relative(ROOT, file));
	}
	return found;
}

describe('notes catalogue', () => {
	const emitted = emittedCodes();

	it('every code the server can send has a Vietnamese and an English sentence', () => {
		expect(emitted.size).toBeGreaterThan(60);
		const missing = [...emitted]
			.filter(([code]) => !(code in noteMessages.vi) || !(code in noteMessages.en))
			.map(([code, file]) => `${code} (${file})`);
		expect(missing).toEqual([]);
	});

	it('holds no note the server never sends', () => {
		expect(Object.keys(noteMessages.vi).filter((code) => !emitted.has(code))).toEqual([]);
	});

	it('English has exactly the Vietnamese codes, with the same placeholders', () => {
		expect(Object.keys(noteMessages.en).sort()).toEqual(Object.keys(noteMessages.vi).sort());
		const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]))].sort();
		for (const [code, text] of Object.entries(noteMessages.vi))
			expect(names(noteMessages.en[code as keyof typeof noteMessages.en]), code).toEqual(names(text));
	});

	it('Vietnamese is stored in NFC', () => {
		for (const [code, text] of Object.entries(noteMessages.vi)) expect(text, code).toBe(text.normalize('NFC'));
	});

	it('docs/api.md lists every code', () => {
		const docs = fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
		expect(Object.keys(noteMessages.vi).filter((code) => !new RegExp(`\\|\\s*\`${code}\`\\s*\\|`).test(docs))).toEqual([]);
	});

	it('words a note with its values, a value that is a note in the same language, and a list one per line', () => {
		const reminder: Note = {
			code: 'inbox_reminder_body',
			params: {
				agency: 'Sở Tài chính',
				date: '01/12/2026',
				board: 'Kế hoạch 2026',
				count: 1,
				tasks: [{ code: 'inbox_task_deadline', params: { code: 'II.3', title: 'Tổng kết', deadline: 'Quý III/2026' } }]
			}
		};
		expect(noteMessage('vi', reminder).split('\n').slice(0, 3)).toEqual([
			'Kính gửi: Sở Tài chính.',
			'Tính đến ngày 01/12/2026, theo "Kế hoạch 2026", đơn vị đang chủ trì 1 nhiệm vụ đã quá thời hạn hoàn thành:',
			'- II.3. Tổng kết (thời hạn: Quý III/2026)'
		]);
		expect(noteMessage('en', reminder).split('\n')[1]).toBe(
			'As of 01/12/2026, according to "Kế hoạch 2026", your agency leads 1 task past its completion deadline:'
		);
		const mention: Note = {
			code: 'inbox_mention_agency_title',
			params: { author: { code: 'someone' }, agency: 'Sở Tài chính', task: { code: 'task_code', params: { code: 'I.2' } } }
		};
		expect(noteMessage('vi', mention)).toBe('Một người dùng nhắc đến Sở Tài chính trong bình luận tại nhiệm vụ I.2');
		expect(noteMessage('en', mention)).toBe('Someone mentioned Sở Tài chính in a comment on task I.2');
	});

	it('a sentence whose last value is empty loses its trailing space; an unknown code shows as itself', () => {
		expect(noteMessage('vi', { code: 'inbox_handler_body', params: { code: 'I.1', title: '' } })).toBe('Bạn được giao xử lý nhiệm vụ I.1.');
		expect(noteMessage('en', { code: 'no_such_note' as 'text' })).toBe('no_such_note');
	});

	it('is part of the one catalogue: t() finds the notes under note.', () => {
		expect(translate('en', 'note.where_table_row', { table: 2, row: 5 })).toBe('Table 2, row 5');
		expect(translate('vi', 'note.where_table_row', { table: 2, row: 5 })).toBe('Bảng 2, hàng 5');
	});
});
