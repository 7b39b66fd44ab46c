/**
 * npm run bench:import [-- --runs N] [-- --json]
 * Parse time per seed plan: median (and min/max) of N runs, in milliseconds.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePlan } from '../server/import/parse-plan.js';

const PLANS_DIR = path.resolve(import.meta.dirname, '../seeds/plans');
const WARMUP_RUNS = 5;

interface Row {
	plan: string;
	chars: number;
	tasks: number;
	runs: number;
	medianMs: number;
	minMs: number;
	maxMs: number;
}

async function main(argv: string[]): Promise<void> {
	const runsAt = argv.indexOf('--runs');
	const runs = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 1) : 50;
	const files = (await readdir(PLANS_DIR)).filter((f) => f.endsWith('.txt')).sort();
	const rows: Row[] = [];
	for (const file of files) {
		const text = await readFile(path.join(PLANS_DIR, file), 'utf8');
		for (let i = 0; i < WARMUP_RUNS; i++) parsePlan(text);
		const times: number[] = [];
		let tasks = 0;
		for (let i = 0; i < runs; i++) {
			const start = performance.now();
			const parsed = parsePlan(text);
			times.push(performance.now() - start);
			tasks = parsed.appendices.reduce((n, a) => n + (a.kind === 'tasks' ? a.sections.reduce((m, s) => m + s.tasks.length, 0) : 0), 0);
		}
		times.sort((a, b) => a - b);
		rows.push({
			plan: file.replace(/\.txt$/, ''),
			chars: text.length,
			tasks,
			runs,
			medianMs: round(median(times)),
			minMs: round(times[0]),
			maxMs: round(times[times.length - 1])
		});
	}
	if (argv.includes('--json')) {
		process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
		return;
	}
	console.table(rows);
}

function median(sorted: number[]): number {
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(ms: number): number {
	return Math.round(ms * 1000) / 1000;
}

main(process.argv.slice(2)).catch((e: unknown) => {
	process.stderr.write(`${(e as Error)?.message ?? e}\n`);
	process.exit(1);
});
