/**
 * npm run import -- [--dry-run] [--json] [--org SLUG] FILE
 *
 * FILE is a plan as text, Markdown, HTML, CSV/TSV, PDF, Word (.docx, or .doc with LibreOffice)
 * or an Excel appendix (.xlsx); the kind is read from the file's bytes, and all give the same
 * ParsedPlan. The file is read in the import worker, with its memory and time limits.
 *
 * --dry-run --json  prints only the ParsedPlan JSON on stdout
 * --dry-run         prints a short human summary
 * (no --dry-run)    imports the plan into the organization SLUG (required when the database has
 *                   more than one) and prints the import summary
 *
 * Any failure exits with code 1 and one line on stderr.
 */
import path from 'node:path';
import type { ParsedPlan } from '../../src/lib/core/parsed-plan.js';
import { note, type Note } from '../../src/lib/core/api/notes.js';
import { noteMessage } from '../../src/lib/i18n/notes.js';
import { loadConfig } from '../config.js';
import { ImportError } from './import-error.js';
import { readPlanBytes } from './read-source.js';
import { runInWorker } from './worker/run-in-worker.js';

const USAGE = 'Cách dùng / usage: npm run import -- [--dry-run] [--json] [--org SLUG] FILE';

async function main(argv: string[]): Promise<void> {
	const orgAt = argv.indexOf('--org');
	const orgSlug = orgAt >= 0 ? argv[orgAt + 1] : undefined;
	if (orgAt >= 0 && (!orgSlug || orgSlug.startsWith('--'))) throw new UsageError(USAGE);
	const rest = orgAt >= 0 ? argv.filter((_, i) => i !== orgAt && i !== orgAt + 1) : argv;
	const flags = new Set(rest.filter((a) => a.startsWith('--')));
	const files = rest.filter((a) => !a.startsWith('--'));
	const unknown = [...flags].filter((f) => f !== '--dry-run' && f !== '--json');
	if (files.length !== 1 || unknown.length) throw new UsageError(USAGE);

	const file = files[0];
	const bytes = await readPlanBytes(file);
	const { source, parsed } = await runInWorker({ kind: 'plan', bytes, fileName: file, allowNoTasks: true });
	const sourceText = source.text;

	if (flags.has('--dry-run')) {
		process.stdout.write(flags.has('--json') ? `${JSON.stringify(parsed, null, 2)}\n` : summary(parsed, source.labels));
		return;
	}
	// Loaded only here: a dry run needs neither the database nor its native driver.
	const { importParsedPlan } = await import('./persist.js');
	const { openDatabase } = await import('../db/database.js');
	const { listOrganizations } = await import('../orgs/organizations.js');
	const { db } = await openDatabase(loadConfig());
	try {
		const orgs = await listOrganizations(db);
		const org = orgSlug ? orgs.find((o) => o.slug === orgSlug) : orgs.length === 1 ? orgs[0] : undefined;
		if (!org) {
			throw new UsageError(
				orgSlug
					? `Không có tổ chức "${orgSlug}" (có: ${orgs.map((o) => o.slug).join(', ') || 'chưa có tổ chức nào'})`
					: `Chọn tổ chức với --org (có: ${orgs.map((o) => o.slug).join(', ') || 'chưa có tổ chức nào; tạo bằng npm run user:create'})`
			);
		}
		const result = await importParsedPlan(db, parsed, { sourceName: path.basename(file), sourceText, orgId: org.id });
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	} finally {
		await db.destroy();
	}
}

/**
 * What a person checks before importing: what was found, and what needs a look, in Vietnamese. The
 * warnings are worded by the message catalogue, as the import page words them. A warning about a
 * Word or Excel table row says which row ("Bảng 2, hàng 5"), else the line of the text form.
 */
function summary(parsed: ParsedPlan, labels: Record<number, Note>): string {
	const where = (line: number) => noteMessage('vi', labels[line] ?? note('where_line', { line }));
	const p = parsed.plan;
	const out = [
		`${p.docType ?? 'Văn bản'} ${p.number ?? '(chưa có số)'} — ${p.title}`,
		`  Cơ quan ban hành: ${p.issuer ?? '?'} · ${p.place ?? '?'}, ngày ${p.date ?? '?'} · năm ${p.year}`
	];
	for (const a of parsed.appendices) {
		if (a.kind === 'tasks') {
			const total = a.sections.reduce((n, s) => n + s.tasks.length, 0);
			out.push(`${a.title}${a.derived ? ' (suy ra từ nội dung)' : ''}: ${total} nhiệm vụ`);
			for (const s of a.sections) out.push(`  ${s.code || '-'}. ${s.title}: ${s.tasks.length}`);
		} else {
			const areas = a.members.reduce((n, m) => n + m.areas.length, 0);
			out.push(`${a.title}: ${a.members.length} thành viên, ${areas} địa bàn`);
		}
	}
	out.push(`Chỉ tiêu: ${parsed.indicators.length} · Báo cáo: ${parsed.reports.length}`);
	out.push(`Cảnh báo: ${parsed.warnings.length}`);
	for (const w of parsed.warnings) out.push(`  ${w.line === null ? '' : `${where(w.line)}: `}${noteMessage('vi', w)}`);
	return `${out.join('\n')}\n`;
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((e: unknown) => {
	const message = e instanceof ImportError || e instanceof UsageError ? e.message : `Lỗi / error: ${(e as Error)?.message ?? e}`;
	process.stderr.write(`${message.split('\n')[0]}\n`);
	process.exit(1);
});
