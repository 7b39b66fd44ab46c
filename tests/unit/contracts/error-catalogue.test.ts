/** The error catalogue: every code the server throws has words in both languages, and docs/api.md lists every code. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage, errorMessages } from '../../../src/lib/i18n/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function serverFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? serverFiles(full) : e.name.endsWith('.ts') ? [full] : [];
	});
}

describe('error catalogue', () => {
	it('every code thrown by the server has a Vietnamese and an English message', () => {
		const thrown = new Set<string>();
		for (const file of serverFiles(path.join(ROOT, 'server'))) {
			for (const m of fs.readFileSync(file, 'utf8').matchAll(/new ApiError\(\s*\d+,\s*'([a-z_]+)'/g)) thrown.add(m[1]);
		}
		expect(thrown.size).toBeGreaterThan(40);
		const missing = [...thrown].filter((code) => !(code in errorMessages.vi) || !(code in errorMessages.en));
		expect(missing).toEqual([]);
	});

	it('docs/api.md lists every code of the catalogue', () => {
		const docs = fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
		expect(Object.keys(errorMessages.vi).filter((code) => !new RegExp(`\\|\\s*\`${code}\`\\s*\\|`).test(docs))).toEqual([]);
	});

	it('fills parameters and picks a variant by params.detail', () => {
		expect(errorMessage('en', 'username_taken', { username: 'stc' })).toBe('The username "stc" is already taken');
		expect(errorMessage('vi', 'too_large', { detail: 'pages', limit: 300 })).toBe('Tệp PDF quá nhiều trang: tối đa 300 trang');
		expect(errorMessage('en', 'corrupt', { what: 'Word' })).toBe('The Word file is damaged and cannot be read');
	});

	it('words a code it does not know with the code, rather than nothing', () => {
		expect(errorMessage('en', 'made_up_code')).toBe('Something went wrong (code made_up_code)');
	});
});
