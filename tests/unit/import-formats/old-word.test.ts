/**
 * Word 97–2003 files (.doc) go through LibreOffice when the server has it: the test writes two
 * plans as HTML pages (tables with rowspan and colspan), has LibreOffice Writer save them as
 * .doc, and imports those. Without
 * soffice these tests are skipped (saying why); the refusal without LibreOffice is tested in
 * tests/unit/import-docx/docx-bad-files.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertDocToDocx, findSoffice } from '../../../server/import/doc/convert-doc.js';
import { ImportRefusal } from '../../../server/import/import-refusal.js';
import { parsePlanBytes } from '../../../server/import/parse-source.js';
import { parseSeed, readSeed, SEED_PLANS } from '../import/seed-plans.js';
import { compoundFile } from '../import-docx/cfb.js';
import { planHtml } from './plan-formats.js';

const soffice = findSoffice();
if (!soffice) console.warn('.doc tests skipped: LibreOffice (soffice) is not installed (apt-get install libreoffice-writer-nogui)');

/** What LibreOffice Writer's "Save as Word 97–2003" makes of an HTML page. */
function saveAsDoc(html: string): Uint8Array {
	const dir = mkdtempSync(path.join(tmpdir(), 'phoihop-test-doc-'));
	try {
		writeFileSync(path.join(dir, 'plan.html'), html);
		const profile = pathToFileURL(path.join(dir, 'profile')).href;
		const args = [
			`-env:UserInstallation=${profile}`,
			'--headless',
			'--infilter=HTML (StarWriter)',
			'--convert-to',
			'doc:MS Word 97',
			'--outdir',
			dir,
			path.join(dir, 'plan.html')
		];
		const run = spawnSync(soffice!, args, { timeout: 90_000 });
		if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
		return new Uint8Array(readFileSync(path.join(dir, 'plan.doc')));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function tasksOf(plan: Awaited<ReturnType<typeof parsePlanBytes>>['parsed']) {
	return plan.appendices.map((a) =>
		a.kind === 'tasks'
			? a.sections.map((s) => [s.code, s.tasks.map((t) => [t.stt, t.title, t.lead, t.support, t.deadline.raw])])
			: a.members.map((m) => [m.name, m.areas])
	);
}

describe.skipIf(!soffice)('.doc through LibreOffice', () => {
	it.each([
		['000 Cần Thơ 2026', SEED_PLANS.canTho2026],
		['001 Đồng Nai 2026', SEED_PLANS.dongNai2026]
	])(
		'%s saved as .doc imports as its text form',
		async (_name, file) => {
			const doc = saveAsDoc(planHtml(readSeed(file)));
			expect([...doc.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
			const { source, parsed } = await parsePlanBytes(doc, 'ke-hoach.doc', { fallbackYear: 2026 });
			expect(source.kind).toBe('doc');
			const text = parseSeed(file);
			expect(tasksOf(parsed)).toEqual(tasksOf(text));
			expect(parsed.plan).toEqual(text.plan);
		},
		120_000
	);

	it('a damaged .doc is refused with a clear message', async () => {
		await expect(parsePlanBytes(compoundFile(['WordDocument', '1Table']), 'hong.doc')).rejects.toMatchObject({
			reason: 'corrupt',
			message: expect.stringMatching(/^Không chuyển được tệp Word 97–2003 \(\.doc\)/)
		});
	}, 120_000);

	it('a conversion past its time limit is stopped and refused', async () => {
		const started = Date.now();
		const error = await convertDocToDocx(compoundFile(['WordDocument']), { timeoutMs: 300 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportRefusal);
		expect(Date.now() - started).toBeLessThan(5_000);
	});
});
