import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../helpers/server.js';
import { todayInVietnam } from '../../../server/boards/today.js';
import { extendDeadline } from '../../../src/lib/core/board-review.js';
import type { LateAgency } from '../../../server/inbox/late-agencies.js';
import type { InboxMessage } from '../../../server/inbox/inbox-store.js';
import type { DashboardData } from '../../../server/reports/dashboard.js';

let server: TestServer;
let admin: string;
let boardId: string;
let snnId: string;
let overdueCard: string;

/** A date some days before today, so the test does not depend on when it runs. */
function daysAgo(n: number): string {
	const d = new Date(`${todayInVietnam()}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - n);
	return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
	snnId = (await api<{ id: string; name: string }[]>(server.url, admin, '/api/agencies')).find((a) => a.name === 'Sở Nông nghiệp và Môi trường')!.id;
	// The first board with an open task that Sở Nông nghiệp và Môi trường leads.
	for (const b of await api<{ id: string }[]>(server.url, admin, '/api/boards')) {
		const board = await api<{ cards: { id: string; lead: string[]; status: string }[] }>(server.url, admin, `/api/boards/${b.id}`);
		const card = board.cards.find((c) => c.lead.includes(snnId) && c.status !== 'done');
		if (card) {
			boardId = b.id;
			overdueCard = card.id;
			break;
		}
	}
	await server.sync.change(boardId, null, overdueCard, 'deadline', (room) => extendDeadline(room.doc, overdueCard, daysAgo(3), { userId: 'test' }));
});
afterAll(async () => server.stop());

describe('late agencies and reminders (đôn đốc)', () => {
	it('lists an agency leading an overdue task, with that task', async () => {
		const { agencies } = await api<{ agencies: LateAgency[] }>(server.url, admin, `/api/boards/${boardId}/late-agencies`);
		const snn = agencies.find((a) => a.agencyId === snnId)!;
		expect(snn.name).toBe('Sở Nông nghiệp và Môi trường');
		expect(snn.tasks.map((t) => t.id)).toContain(overdueCard);
		expect(snn.lastRemindedAt).toBeNull();
		expect(agencies.every((a) => !a.name.startsWith('Các '))).toBe(true);
	});

	it('a one-click reminder lands in the agency inbox with a badge count, and reading it clears the badge', async () => {
		const snnmt = await login(server.url, 'snnmt');
		const lmhtx = await login(server.url, 'lmhtx');
		const before = await api<{ unread: number }>(server.url, snnmt, '/api/inbox/unread-count');
		const sent = await api<{ sent: { agencyId: string }[] }>(server.url, admin, `/api/boards/${boardId}/reminders`, {
			method: 'POST',
			body: JSON.stringify({ agencyIds: [snnId] })
		});
		expect(sent.sent).toEqual([{ id: expect.any(String), agencyId: snnId, tasks: expect.any(Number) }]);
		expect((await api<{ unread: number }>(server.url, snnmt, '/api/inbox/unread-count')).unread).toBe(before.unread + 1);

		const inbox = await api<InboxMessage[]>(server.url, snnmt, '/api/inbox');
		const message = inbox.find((m) => m.kind === 'reminder')!;
		expect(message.title).toMatch(/^Đôn đốc thực hiện \d+ nhiệm vụ quá hạn$/);
		expect(message.body).toContain('Kính gửi: Sở Nông nghiệp và Môi trường.');
		expect(message.cardIds).toContain(overdueCard);
		expect(message.read).toBe(false);
		// Another agency's inbox does not see it.
		expect((await api<InboxMessage[]>(server.url, lmhtx, '/api/inbox')).some((m) => m.id === message.id)).toBe(false);

		const after = await api<{ unread: number }>(server.url, snnmt, '/api/inbox/read', {
			method: 'POST',
			body: JSON.stringify({ ids: [message.id] })
		});
		expect(after.unread).toBe(before.unread);
		const { agencies } = await api<{ agencies: LateAgency[] }>(server.url, admin, `/api/boards/${boardId}/late-agencies`);
		expect(agencies.find((a) => a.agencyId === snnId)!.lastRemindedAt).not.toBeNull();
	});

	it('the standing office and the facilitator send reminders; editors do not', async () => {
		const stc = await login(server.url, 'stc');
		const res = await fetch(`${server.url}/api/boards/${boardId}/reminders`, {
			method: 'POST',
			headers: { authorization: `Bearer ${stc}`, 'content-type': 'application/json' },
			body: '{}'
		});
		expect(res.status).toBe(403);
		const thuky = await login(server.url, 'thuky');
		const again = await fetch(`${server.url}/api/boards/${boardId}/reminders`, {
			method: 'POST',
			headers: { authorization: `Bearer ${thuky}`, 'content-type': 'application/json' },
			body: JSON.stringify({ agencyIds: [snnId] })
		});
		// The admin reminded this agency about these tasks today already: the facilitator is asked to confirm.
		expect(again.status).toBe(409);
	});
});

describe('dashboard', () => {
	it('gives the four categories overall and per lead agency, the trend across snapshots and the indicators', async () => {
		const lanhdao = await login(server.url, 'lanhdao');
		await api(server.url, admin, `/api/boards/${boardId}/snapshots`, { method: 'POST', body: JSON.stringify({ name: 'Mốc 1' }) });
		const d = await api<DashboardData>(server.url, lanhdao, `/api/boards/${boardId}/dashboard`);
		const total = d.overall.counts.doneOnTime + d.overall.counts.doneLate + d.overall.counts.openNotDue + d.overall.counts.openOverdue;
		expect(total).toBe(d.overall.total);
		expect(d.overall.counts.openOverdue).toBeGreaterThan(0);
		expect(d.byAgency.find((a) => a.agencyId === snnId)!.counts.openOverdue).toBeGreaterThan(0);
		expect(d.trend.map((t) => t.name)).toContain('Mốc 1');
		expect(d.snapshot).toBeNull();

		const snap = d.trend.at(-1)!;
		const frozen = await api<DashboardData>(server.url, lanhdao, `/api/snapshots/${snap.snapshotId}/dashboard`);
		expect(frozen.snapshot?.name).toBe('Mốc 1');
		expect(frozen.overall.counts).toEqual(snap.counts);
	});

	it("shows an indicator's target and the value the standing office reported", async () => {
		// Hà Nội's plan has indicators (chỉ tiêu); its standing office reports them.
		const admin = await login(server.url, 'hn.admin');
		const boards = await api<{ id: string; planId: string }[]>(server.url, admin, '/api/boards');
		const withTargets = boards[0];
		const d = await api<DashboardData>(server.url, admin, `/api/boards/${withTargets.id}/dashboard`);
		expect(d.indicators.length).toBeGreaterThan(0);
		const ind = d.indicators[0];
		await api(server.url, admin, `/api/indicators/${ind.id}`, { method: 'PUT', body: JSON.stringify({ reportedValue: 58.5 }) });
		const again = await api<DashboardData>(server.url, admin, `/api/boards/${withTargets.id}/dashboard`);
		expect(again.indicators[0]).toMatchObject({ id: ind.id, reportedValue: 58.5, targets: ind.targets });
	});
});
