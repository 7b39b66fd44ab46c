/** The browser's code stands on its own: nothing under src/ imports from server/ (shared contracts live in src/lib/core). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../../src');

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return files(full);
		return /\.(ts|js|svelte)$/.test(e.name) ? [full] : [];
	});
}

/** Every module specifier of a file: static imports and exports, dynamic imports. */
function specifiers(text: string): string[] {
	return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('src/ does not reach into server/', () => {
	it('no file under src imports a module under server/', () => {
		const offenders: string[] = [];
		for (const file of files(SRC)) {
			for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
				if (!spec.startsWith('.')) continue;
				const target = path.resolve(path.dirname(file), spec);
				if (!target.startsWith(SRC + path.sep)) offenders.push(`${path.relative(SRC, file)} → ${spec}`);
			}
		}
		expect(offenders).toEqual([]);
	});

	it('finds imports the way they are written (the check itself works)', () => {
		expect(specifiers(`import type { A } from '../../../server/x.js';\nexport { B } from "./b.js";\nconst m = await import('../c.js');`)).toEqual([
			'../../../server/x.js',
			'./b.js',
			'../c.js'
		]);
	});
});
