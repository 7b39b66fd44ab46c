/** Benchmark child: Phối hợp on a fresh database with BENCH_BOARDS boards of BENCH_CARDS cards. Prints "READY <url> <boardId>…". */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/server.js';
import { importParsedPlan } from '../../server/import/persist.js';
import { syntheticPlan } from '../lib/synthetic-plan.js';

const cards = Number(process.env.BENCH_CARDS ?? 50);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-bench-'));
const running = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true }, { web: false, quiet: true });
const { findOrganization } = await import('../../server/orgs/organizations.js');
const org = (await findOrganization(running.ctx.db, 'can-tho'))!; // the demo's facilitator, thuky, works there
const boardIds: string[] = [];
for (let i = 0; i < Number(process.env.BENCH_BOARDS ?? 1); i++) {
	const summary = await importParsedPlan(running.ctx.db, syntheticPlan(cards), { sourceName: 'bench', sourceText: '', orgId: org.id });
	boardIds.push(summary.boards[0].id);
}
process.stdout.write(`READY ${running.url} ${boardIds.join(' ')}\n`);
process.on('SIGTERM', async () => {
	await running.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
	process.exit(0);
});
