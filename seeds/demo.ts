/**
 * The demo workspace: on an empty database, imports the four plans of seeds/plans and creates the
 * demo agencies and accounts. Returns a message for the console, or null when nothing was done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../server/context.js';
import { parsePlan } from '../server/import/parse-plan.js';
import { ensureAgency, importParsedPlan } from '../server/import/persist.js';
import { createUser } from '../server/auth/users.js';
import { DEMO_ACCOUNTS, DEMO_AGENCY_ALIASES, DEMO_PASSWORD, DEMO_PLANS } from './demo-accounts.js';

const PLANS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans');

export async function loadDemoWorkspace(ctx: AppContext): Promise<string | null> {
	const { db } = ctx;
	const users = await db.selectFrom('users').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const plans = await db.selectFrom('plans').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	if (Number(users.n) > 0 || Number(plans.n) > 0) return null;

	// The accounts' agencies first, so that the plans' spellings resolve to them.
	const agencyIds = new Map<string, string>();
	for (const a of DEMO_ACCOUNTS) {
		if (agencyIds.has(a.agency)) continue;
		const id = await ensureAgency(db, a.agency);
		for (const alias of DEMO_AGENCY_ALIASES[a.agency] ?? []) await ensureAgency(db, a.agency, undefined, alias);
		agencyIds.set(a.agency, id);
	}
	const lines: string[] = [];
	for (const file of DEMO_PLANS) {
		const text = fs.readFileSync(path.join(PLANS_DIR, file), 'utf8');
		const summary = await importParsedPlan(db, parsePlan(text), { sourceName: file, sourceText: text });
		const cards = summary.boards.reduce((n, b) => n + b.cards, 0);
		lines.push(`  • ${file}: ${summary.boards.length} bảng, ${cards} nhiệm vụ`);
	}
	for (const a of DEMO_ACCOUNTS) {
		await createUser(db, {
			username: a.username,
			displayName: a.displayName,
			password: DEMO_PASSWORD,
			role: a.role,
			agencyId: agencyIds.get(a.agency) ?? null,
			email: `${a.username}@phoihop.example`
		});
	}
	return [
		'Đã tạo không gian làm việc mẫu:',
		...lines,
		`  Tài khoản mẫu (mật khẩu "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`
	].join('\n');
}
