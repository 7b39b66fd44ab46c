import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeed, seedPath, SEED_PLANS } from '../import/seed-plans.js';
import { rebuildAsDocx } from './plan-rebuild.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/import/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('import CLI with a Word file', () => {
	it('npm run import -- --dry-run --json plan.docx prints the same ParsedPlan as the text form', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'phoihop-docx-cli-'));
		const file = path.join(dir, 'ke-hoach.docx');
		writeFileSync(file, await rebuildAsDocx(readSeed(SEED_PLANS.dongNai2026), 'as-authored'));
		const word = run('--dry-run', '--json', file);
		const text = run('--dry-run', '--json', seedPath(SEED_PLANS.dongNai2026));
		expect(word.status).toBe(0);
		const [w, t] = [JSON.parse(word.stdout), JSON.parse(text.stdout)];
		expect(Object.keys(w)).toEqual(['plan', 'appendices', 'indicators', 'reports', 'warnings']);
		expect(w.appendices).toEqual(t.appendices);
		expect(w.plan).toEqual(t.plan);
	});

	it('a damaged .docx exits with code 1 and one Vietnamese line on stderr', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'phoihop-docx-cli-'));
		const file = path.join(dir, 'hong.docx');
		writeFileSync(file, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
		const result = run('--dry-run', file);
		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Tệp (Word|nén) bị hỏng/)]);
	});
});
