import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedPath, SEED_PLANS } from './seed-plans.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/import/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('import CLI', () => {
	it('--dry-run --json prints only the ParsedPlan JSON on stdout', () => {
		const result = run('--dry-run', '--json', seedPath(SEED_PLANS.canTho219));
		expect(result.status).toBe(0);
		const parsed = JSON.parse(result.stdout);
		expect(parsed.plan.number).toBe('219/KH-UBND');
		expect(Object.keys(parsed)).toEqual(['plan', 'appendices', 'indicators', 'reports', 'warnings']);
	});

	it('--dry-run prints a human summary with the task counts', () => {
		const result = run('--dry-run', seedPath(SEED_PLANS.canTho2026));
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('24 nhiệm vụ');
		expect(result.stdout).toContain('17 thành viên, 103 địa bàn');
	});

	it('an unreadable file exits with code 1 and one line on stderr, without a stack trace', () => {
		const result = run('--dry-run', path.join(ROOT, 'no-such-plan.txt'));
		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/không tồn tại \/ The file “.*” does not exist/);
	});

	it('wrong arguments exit with code 1 and the usage line', () => {
		const result = run('--bogus');
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/^Cách dùng \/ usage:/);
	});
});
