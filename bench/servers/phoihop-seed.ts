/**
 * Benchmark child: builds the database a Phối hợp cluster bench starts from — the demo workspace, a
 * board of BENCH_CARDS cards in thuky's organization, and a session for thuky — then exits. The
 * database is DATABASE_URL (PostgreSQL) when set, else the SQLite file under DATA_DIR; the bench
 * copies it for every cluster it starts (`create database … template …`, or a copy of the directory).
 * Prints "SEEDED <boardId> <token> <userId>".
 */
import http from 'node:http';
import { startServer } from '../../server/server.js';
import { importParsedPlan } from '../../server/import/persist.js';
import { syntheticPlan } from '../lib/synthetic-plan.js';

const cards = Number(process.env.BENCH_CARDS ?? 50);
const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
delete process.env.REDIS_URL; // seeding is a lone process
const running = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, redisUrl: null }, { web: false, quiet: true });
const { findOrganization } = await import('../../server/orgs/organizations.js');
const org = (await findOrganization(running.ctx.db, 'can-tho'))!; // the demo's facilitator, thuky, works there
const summary = await importParsedPlan(running.ctx.db, syntheticPlan(cards), { sourceName: 'bench', sourceText: '', orgId: org.id });
// node:http without keep-alive: a kept-alive socket of fetch's pool in this same process leaves
// running.close() waiting for it with nothing else to keep the process up (it exits with code 13).
const { token, user } = await new Promise<{ token: string; user: { id: string } }>((resolve, reject) => {
	const body = JSON.stringify({ username: 'thuky', password: 'demo-phoihop' });
	const req = http.request(
		`${running.url}/api/auth/login`,
		{ method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' } },
		(res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`login: ${res.statusCode} ${text}`))));
		}
	);
	req.on('error', reject);
	req.end(body);
});
// close() sometimes left the process with nothing to wait on before it resolved (exit code 13):
// everything is committed by now, so it gets a few seconds and no more.
const keepAlive = setInterval(() => {}, 1000);
await Promise.race([running.close(), new Promise((r) => setTimeout(r, 5000))]);
clearInterval(keepAlive);
process.stdout.write(`SEEDED ${summary.boards[0].id} ${token} ${user.id}\n`);
process.exit(0);
