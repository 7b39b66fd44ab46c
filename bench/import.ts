/**
 * npm run bench:import [-- --runs N] [-- --json] [-- --formats text,markdown,html,csv,docx,pdf,doc]
 *
 * Read + parse time of each demo plan in each format the importer takes, median (and min/max)
 * of N runs, in milliseconds. The files are made from the text plans the way the import tests
 * make them (tests/unit/import-formats/plan-formats.ts, tests/unit/import-docx/plan-rebuild.ts):
 * GFM Markdown, an HTML page, a CSV of the appendices, a Word file, a PDF printed by Chromium
 * (/usr/bin/chromium; skipped without it) and a .doc saved by LibreOffice (skipped without
 * soffice; its time includes the conversion, so it runs fewer times).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findSoffice } from '../server/import/doc/convert-doc.js';
import { parsePlan } from '../server/import/parse-plan.js';
import { parsePlanBytes } from '../server/import/parse-source.js';
import { rebuildAsDocx } from '../tests/unit/import-docx/plan-rebuild.js';
import { closePrinter, hasChromium, printPdf } from '../tests/unit/import-formats/pdf-printer.js';
import { planCsv, planHtml, planMarkdown } from '../tests/unit/import-formats/plan-formats.js';

const PLANS_DIR = path.resolve(import.meta.dirname, '../seeds/plans');
const FORMATS = ['text', 'markdown', 'html', 'csv', 'docx', 'pdf', 'doc'] as const;
type Format = (typeof FORMATS)[number];
const WARMUP_RUNS = 3;
/** Formats whose one run takes seconds: fewer runs. */
const SLOW: Partial<Record<Format, number>> = { pdf: 5, doc: 2 };
const utf8 = (s: string) => new TextEncoder().encode(s);

interface Row {
	plan: string;
	format: Format;
	bytes: number;
	tasks: number;
	runs: number;
	medianMs: number;
	minMs: number;
	maxMs: number;
}

async function makeFile(format: Format, text: string): Promise<{ bytes: Uint8Array; name: string } | null> {
	switch (format) {
		case 'text':
			return { bytes: utf8(text), name: 'plan.txt' };
		case 'markdown':
			return { bytes: utf8(planMarkdown(text)), name: 'plan.md' };
		case 'html':
			return { bytes: utf8(planHtml(text)), name: 'plan.html' };
		case 'csv':
			return { bytes: utf8(planCsv(text, parsePlan(text, { fallbackYear: 2026 }))), name: 'plan.csv' };
		case 'docx':
			return { bytes: await rebuildAsDocx(text, 'as-authored'), name: 'plan.docx' };
		case 'pdf':
			return hasChromium ? { bytes: await printPdf(planHtml(text)), name: 'plan.pdf' } : null;
		case 'doc':
			return saveAsDoc(planHtml(text));
	}
}

function saveAsDoc(html: string): { bytes: Uint8Array; name: string } | null {
	const soffice = findSoffice();
	if (!soffice) return null;
	const dir = mkdtempSync(path.join(tmpdir(), 'phoihop-bench-doc-'));
	try {
		writeFileSync(path.join(dir, 'plan.html'), html);
		const args = [
			`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
			'--headless',
			'--infilter=HTML (StarWriter)',
			'--convert-to',
			'doc:MS Word 97',
			'--outdir',
			dir,
			path.join(dir, 'plan.html')
		];
		if (spawnSync(soffice, args, { timeout: 120_000 }).status !== 0) return null;
		return { bytes: new Uint8Array(readFileSync(path.join(dir, 'plan.doc'))), name: 'plan.doc' };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { runs: { type: 'string' }, json: { type: 'boolean' }, formats: { type: 'string' } } });
	const runs = Math.max(1, Number(values.runs) || 20);
	const formats = (values.formats?.split(',') ?? FORMATS).filter((f): f is Format => (FORMATS as readonly string[]).includes(f));
	const files = readdirSync(PLANS_DIR)
		.filter((f) => f.endsWith('.txt'))
		.sort();
	const rows: Row[] = [];
	const skipped = new Set<string>();
	for (const file of files) {
		const text = readFileSync(path.join(PLANS_DIR, file), 'utf8');
		for (const format of formats) {
			const made = await makeFile(format, text);
			if (!made) {
				skipped.add(format === 'pdf' ? 'pdf (no /usr/bin/chromium)' : 'doc (no LibreOffice soffice)');
				continue;
			}
			const n = Math.min(runs, SLOW[format] ?? runs);
			for (let i = 0; i < Math.min(WARMUP_RUNS, n); i++) await parsePlanBytes(made.bytes, made.name);
			const times: number[] = [];
			let tasks = 0;
			for (let i = 0; i < n; i++) {
				const start = performance.now();
				const { parsed } = await parsePlanBytes(made.bytes, made.name, { fallbackYear: 2026 });
				times.push(performance.now() - start);
				tasks = parsed.appendices.reduce((t, a) => t + (a.kind === 'tasks' ? a.sections.reduce((m, s) => m + s.tasks.length, 0) : 0), 0);
			}
			times.sort((a, b) => a - b);
			rows.push({
				plan: file.replace(/\.txt$/, ''),
				format,
				bytes: made.bytes.length,
				tasks,
				runs: n,
				medianMs: round(median(times)),
				minMs: round(times[0]),
				maxMs: round(times[times.length - 1])
			});
		}
	}
	await closePrinter();
	if (values.json) {
		process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
		return;
	}
	console.table(rows);
	if (skipped.size) console.log(`Skipped: ${[...skipped].join(', ')}`);
}

function median(sorted: number[]): number {
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(ms: number): number {
	return Math.round(ms * 1000) / 1000;
}

main().catch((e: unknown) => {
	process.stderr.write(`${(e as Error)?.message ?? e}\n`);
	process.exit(1);
});
