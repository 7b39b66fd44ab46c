/**
 * The demo workspace: on an empty database, creates three organizations (Cần Thơ, Đồng Nai, Hà Nội),
 * imports each one's plans of seeds/plans into it and creates its agencies and accounts. Returns a
 * message for the console, or null when nothing was done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../server/context.js';
import { parsePlan } from '../server/import/parse-plan.js';
import { ensureAgency, importParsedPlan } from '../server/import/persist.js';
import { createUser } from '../server/auth/users.js';
import { createOrganization } from '../server/orgs/organizations.js';
import { DEMO_AGENCY_ALIASES, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './demo-accounts.js';

const PLANS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans');

export async function loadDemoWorkspace(ctx: AppContext): Promise<string | null> {
	const { db } = ctx;
	const users = await db.selectFrom('users').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const plans = await db.selectFrom('plans').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	if (Number(users.n) > 0 || Number(plans.n) > 0) return null;

	const lines: string[] = [];
	for (const o of DEMO_ORGANIZATIONS) {
		const org = await createOrganization(db, o.slug, o.name);
		// The accounts' agencies first, so that the plans' spellings resolve to them.
		const agencyIds = new Map<string, string>();
		for (const a of o.accounts) {
			if (agencyIds.has(a.agency)) continue;
			const id = await ensureAgency(db, org.id, a.agency);
			for (const alias of DEMO_AGENCY_ALIASES[a.agency] ?? []) await ensureAgency(db, org.id, a.agency, undefined, alias);
			agencyIds.set(a.agency, id);
		}
		lines.push(`  ${o.name} (${o.slug}):`);
		for (const file of o.plans) {
			const text = fs.readFileSync(path.join(PLANS_DIR, file), 'utf8');
			const summary = await importParsedPlan(db, parsePlan(text), { sourceName: file, sourceText: text, orgId: org.id });
			const cards = summary.boards.reduce((n, b) => n + b.cards, 0);
			lines.push(`    • ${file}: ${summary.boards.length} bảng, ${cards} nhiệm vụ`);
		}
		for (const a of o.accounts) {
			await createUser(db, {
				orgId: org.id,
				username: a.username,
				displayName: a.displayName,
				password: DEMO_PASSWORD,
				role: a.role,
				agencyId: agencyIds.get(a.agency) ?? null,
				email: `${a.username}@phoihop.example`,
				platformAdmin: o.platformAdmins?.includes(a.username) ?? false
			});
		}
		lines.push(`    Tài khoản: ${o.accounts.map((a) => a.username).join(', ')}`);
	}
	return ['Đã tạo không gian làm việc mẫu (ba tổ chức):', ...lines, `  Mật khẩu mọi tài khoản mẫu: "${DEMO_PASSWORD}"`].join('\n');
}
