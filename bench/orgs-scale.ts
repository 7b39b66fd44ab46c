/**
 * A national deployment's size on one SQLite file: 60 organizations × 40 agencies × 200 people ×
 * 30 boards (20 tasks each). Measures, for an administrator and an agency editor, the answer time of
 * the pages everyone opens — home (board list), a board's dashboard, the people and agency
 * directories — in rounds, as p50/p99 per round. Time is taken at the client on loopback (it includes
 * ~0.2 ms of HTTP on this machine).
 *
 *   npm run bench:orgs [-- --orgs=60 --boards=30 --users=200 --agencies=40 --requests=200 --rounds=3 --json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../server/server.js';
import { createOrganization } from '../server/orgs/organizations.js';
import { ensureAgency, importParsedPlan } from '../server/import/persist.js';
import { hashPassword } from '../server/auth/password.js';
import { newId } from '../src/lib/core/ids.js';
import type { Role } from '../server/db/schema.js';
import { syntheticPlan } from './lib/synthetic-plan.js';
import { percentile } from './lib/process-stats.js';

const { values: flags } = parseArgs({
	options: {
		orgs: { type: 'string' },
		boards: { type: 'string' },
		users: { type: 'string' },
		agencies: { type: 'string' },
		requests: { type: 'string' },
		rounds: { type: 'string' },
		json: { type: 'boolean' }
	}
});
const ORGS = Number(flags.orgs ?? 60);
const BOARDS = Number(flags.boards ?? 30);
const USERS = Number(flags.users ?? 200);
const AGENCIES = Number(flags.agencies ?? 40);
const REQUESTS = Number(flags.requests ?? 200);
const ROUNDS = Number(flags.rounds ?? 3);
const log = (...m: unknown[]) => (flags.json ? console.error(...m) : console.log(...m));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-orgs-'));
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: false }, { web: false, quiet: true });
const { db } = server.ctx;
const PASSWORD = 'bench-password-1';
const hash = await hashPassword(PASSWORD);

const started = performance.now();
const orgs: { id: string; admin: string; editor: string }[] = [];
for (let o = 0; o < ORGS; o++) {
	const org = await createOrganization(db, `tinh-${o}`, `Ban Chỉ đạo tỉnh số ${o}`);
	const agencyIds: string[] = [];
	for (const name of ['Sở Tài chính', 'Sở Nông nghiệp và Môi trường', 'Liên minh Hợp tác xã thành phố', 'Sở Công Thương', 'Sở Nội vụ']) {
		agencyIds.push(await ensureAgency(db, org.id, name));
	}
	for (let a = agencyIds.length; a < AGENCIES; a++) agencyIds.push(await ensureAgency(db, org.id, `Ủy ban nhân dân xã số ${a}`));
	for (let b = 0; b < BOARDS; b++) await importParsedPlan(db, syntheticPlan(20), { sourceName: 'bench', sourceText: '', orgId: org.id });
	const now = new Date().toISOString();
	const people = Array.from({ length: USERS }, (_, u) => ({
		id: newId(),
		username: `t${o}.u${u}`,
		role: (u === 0 ? 'admin' : u === 1 ? 'facilitator' : u === 2 ? 'leader' : 'editor') as Role,
		agency: agencyIds[u % agencyIds.length]
	}));
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('users')
			.values(
				people.map((p, u) => ({
					id: p.id,
					username: p.username,
					display_name: `Cán bộ ${u} tỉnh ${o}`,
					password_hash: hash,
					org_id: org.id,
					role: p.role,
					agency_id: p.agency,
					active: 1,
					created_at: now
				}))
			)
			.execute();
		await trx
			.insertInto('memberships')
			.values(people.map((p) => ({ user_id: p.id, org_id: org.id, role: p.role, agency_id: p.agency, created_at: now })))
			.execute();
	});
	orgs.push({ id: org.id, admin: `t${o}.u0`, editor: `t${o}.u5` });
	if (o % 10 === 9) log(`  ${o + 1}/${ORGS} organizations (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
await server.sync.reloadAgencies();
log('built; signing in');

async function login(username: string): Promise<string> {
	const res = await fetch(`${server.url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: PASSWORD })
	});
	return ((await res.json()) as { token: string }).token;
}

async function time(pathname: string, token: string): Promise<number> {
	const t0 = performance.now();
	const res = await fetch(`${server.url}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
	await res.arrayBuffer();
	if (!res.ok) throw new Error(`${pathname}: ${res.status}`);
	return performance.now() - t0;
}

// Three organizations spread over the database (first, middle, last), an admin and an editor each.
const sample = [orgs[0], orgs[Math.floor(ORGS / 2)], orgs[ORGS - 1]];
const callers = [];
for (const o of sample) {
	for (const [who, username] of [
		['admin', o.admin],
		['editor', o.editor]
	] as const) {
		const token = await login(username);
		const boards = (await (await fetch(`${server.url}/api/boards`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string }[];
		callers.push({ who, token, board: boards[0].id });
	}
}

log('measuring');
const PAGES = [
	{ name: 'home: GET /api/boards', path: () => '/api/boards' },
	{ name: 'dashboard: GET /api/boards/:id/dashboard', path: (c: { board: string }) => `/api/boards/${c.board}/dashboard` },
	{ name: 'people: GET /api/people?q=can bo (20 of 200)', path: () => '/api/people?q=can%20bo' },
	{ name: 'agencies: GET /api/agencies', path: () => '/api/agencies' }
];
const results: { page: string; who: string; rounds: { p50: number; p99: number }[] }[] = [];
for (const page of PAGES) {
	for (const who of ['admin', 'editor'] as const) {
		const mine = callers.filter((c) => c.who === who);
		const rounds = [];
		for (let r = 0; r < ROUNDS; r++) {
			const xs: number[] = [];
			for (let i = 0; i < REQUESTS; i++) {
				const c = mine[i % mine.length];
				xs.push(await time(page.path(c), c.token));
			}
			xs.sort((a, b) => a - b);
			rounds.push({ p50: percentile(xs, 50), p99: percentile(xs, 99) });
		}
		results.push({ page: page.name, who, rounds });
	}
}
async function countRows(table: 'boards' | 'cards' | 'users' | 'agencies'): Promise<number> {
	const r = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}
const counts = {
	organizations: ORGS,
	boards: await countRows('boards'),
	cards: await countRows('cards'),
	users: await countRows('users'),
	agencies: await countRows('agencies'),
	buildSeconds: Math.round((performance.now() - started) / 1000)
};
// The WAL worker may take a moment to stop; the numbers are in, so do not wait on it for long.
await Promise.race([server.close(), new Promise((r) => setTimeout(r, 3000))]);
fs.rmSync(dataDir, { recursive: true, force: true });

if (flags.json) {
	console.log(JSON.stringify({ counts, requestsPerRound: REQUESTS, results }, null, 2));
} else {
	log(
		`\n${counts.organizations} organizations, ${counts.boards} boards, ${counts.cards} cards, ${counts.users} people, ${counts.agencies} agencies (built in ${counts.buildSeconds} s)`
	);
	log(`${REQUESTS} requests per round; target p99 ≤ 50 ms\n`);
	log('| page | caller | p99 (median of rounds) | every round p50 / p99 (ms) |');
	log('|---|---|---:|---|');
	for (const r of results) {
		const p99s = r.rounds.map((x) => x.p99).sort((a, b) => a - b);
		log(
			`| ${r.page} | ${r.who} | ${p99s[Math.floor(p99s.length / 2)].toFixed(1)} ms | ${r.rounds.map((x) => `${x.p50.toFixed(1)} / ${x.p99.toFixed(1)}`).join(' · ')} |`
		);
	}
}
process.exit(0);
