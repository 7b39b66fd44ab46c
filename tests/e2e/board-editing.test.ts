/**
 * Issue 16 in Chromium: the facilitator edits the board in place (a new task, its title, lead agency
 * and deadline, another task archived), a second browser sees each change live, the dashboard counts
 * follow; an editor sees none of these controls and the same changes sent from an editor's Yjs client
 * are refused. A lead editor breaks a task down and names its handler, who finds it under "Việc của
 * tôi". Typing a 200-character result leaves one history entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { readBoard, setTitle } from '../../src/lib/core/board-doc.js';
import { addTask, archiveCard, setDeadline } from '../../src/lib/core/board-editing.js';
import {
	agencyIdByName,
	apiGet,
	DEMO_PASSWORD,
	firstBoard,
	openBoard,
	screenshot,
	signIn,
	startApp,
	type BoardInfo,
	type E2EApp
} from './helpers/app.js';

let app: E2EApp;
let board: BoardInfo;
let stc: string;
let lmhtx: string;
let snnmt: string;

type FullCard = BoardInfo['cards'][number] & {
	archived: { reason: string } | null;
	handler: string | null;
	checklist: { text: string; done: boolean }[];
	deadline: { raw: string; due: string | null };
	sectionId: string;
};

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'admin');
	board = await firstBoard(page);
	stc = await agencyIdByName(page, 'Sở Tài chính');
	lmhtx = await agencyIdByName(page, 'Liên minh Hợp tác xã thành phố');
	snnmt = await agencyIdByName(page, 'Sở Nông nghiệp và Môi trường');
	await context.close();
}, 120_000);

afterAll(async () => {
	await app?.close();
});

async function cards(page: Page): Promise<FullCard[]> {
	return (await apiGet<{ cards: FullCard[] }>(page, `/api/boards/${board.id}`)).cards;
}

async function dashboardTotal(page: Page): Promise<number> {
	return (await apiGet<{ overall: { total: number } }>(page, `/api/boards/${board.id}/dashboard`)).overall.total;
}

async function synced(page: Page) {
	await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
}

describe('managers edit the board; everyone sees it live', () => {
	it('the facilitator adds a task, edits its title, lead agency and deadline, archives another; a second browser follows; counts follow; an editor can do none of it', async () => {
		const manager = await signIn(app, 'thuky');
		const watcher = await signIn(app, 'stc');
		const a = manager.page;
		const b = watcher.page;
		try {
			await openBoard(a, board.id);
			await openBoard(b, board.id);
			await synced(a);
			await synced(b);
			const total0 = await dashboardTotal(a);

			// The editor sees no editing control.
			expect(await b.getByTestId('add-task').count()).toBe(0);

			// — add a task —
			await a.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
			const dialog = a.getByTestId('add-task-dialog');
			await dialog.waitFor();
			const proposed = await dialog.getByLabel('Số thứ tự (mã)').inputValue();
			expect(proposed).toMatch(/\d+$/);
			await dialog.getByLabel('Tên nhiệm vụ').fill('Rà soát HTX theo Công văn 45/BCĐ');
			const leadPicker = dialog.getByTestId('agency-picker-add-task-lead');
			await leadPicker.getByLabel('Tìm đơn vị').fill('lien minh');
			await leadPicker.getByRole('checkbox', { name: 'Liên minh Hợp tác xã thành phố' }).check();
			await dialog.getByLabel('Thời gian hoàn thành').fill('Quý III/2026');
			await expect.poll(() => dialog.getByTestId('deadline-read').textContent()).toContain('30/09/2026');
			await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
			await b.getByText('Rà soát HTX theo Công văn 45/BCĐ').first().waitFor({ timeout: 5000 });
			const added = (await cards(a)).find((c) => c.title === 'Rà soát HTX theo Công văn 45/BCĐ')!;
			expect(added).toMatchObject({ code: proposed, lead: [lmhtx], status: 'todo', deadline: { raw: 'Quý III/2026', due: '2026-09-30' } });
			await expect.poll(() => dashboardTotal(a), { timeout: 5000 }).toBe(total0 + 1);

			// — edit its title, lead agency and deadline (the drawer opened on the new task) —
			const drawer = a.getByTestId('card-drawer');
			await drawer.getByRole('button', { name: 'Sửa thông tin giao việc' }).click();
			await drawer.getByLabel('Tên nhiệm vụ').fill('Rà soát HTX và THT theo Công văn 45/BCĐ');
			const editLead = drawer.getByTestId('agency-picker-edit-lead');
			await editLead.getByRole('checkbox', { name: 'Liên minh Hợp tác xã thành phố' }).uncheck();
			await editLead.getByLabel('Tìm đơn vị').fill('so nong nghiep');
			await editLead.getByRole('checkbox', { name: 'Sở Nông nghiệp và Môi trường' }).check();
			await drawer.getByLabel('Thời gian hoàn thành').fill('30/10/2026');
			await drawer.getByRole('button', { name: 'Lưu', exact: true }).click();
			await b.getByText('Rà soát HTX và THT theo Công văn 45/BCĐ').first().waitFor({ timeout: 5000 });
			await expect
				.poll(async () => (await cards(a)).find((c) => c.id === added.id), { timeout: 5000 })
				.toMatchObject({ title: 'Rà soát HTX và THT theo Công văn 45/BCĐ', lead: [snnmt], deadline: { raw: '30/10/2026', due: '2026-10-30' } });

			// — archive another task —
			const victim = board.cards.find((c) => c.lead.includes(lmhtx) && c.status !== 'done')!;
			await a.goto(`/boards/${board.id}?card=${victim.id}`);
			await drawer.getByRole('button', { name: 'Lưu trữ', exact: true }).click();
			await drawer.getByLabel('Lý do lưu trữ').fill('Theo Công văn số 45/BCĐ ngày 10/7/2026');
			await drawer.getByRole('button', { name: 'Lưu trữ nhiệm vụ' }).click();
			await drawer.getByTestId('archived-banner').waitFor();
			await b.locator(`[data-card-id="${victim.id}"]`).waitFor({ state: 'detached', timeout: 5000 });
			await expect.poll(() => dashboardTotal(a), { timeout: 5000 }).toBe(total0);
			// Shown on demand, and restorable.
			await b.getByLabel(/Hiện nhiệm vụ đã lưu trữ/).check();
			await b.locator(`[data-card-id="${victim.id}"]`).first().waitFor({ timeout: 5000 });

			// History: who and when.
			const history = await apiGet<{ field: string; detail: string | null; userName: string }[]>(
				a,
				`/api/boards/${board.id}/activity?cardId=${added.id}`
			);
			expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(['create', 'title', 'lead', 'deadline']));
			expect(history.find((h) => h.field === 'deadline')).toMatchObject({ detail: '30/10/2026', userName: 'Thư ký cuộc họp' });

			// The editor's drawer has no assignment editor and no archive button.
			await b.goto(`/boards/${board.id}?card=${added.id}`);
			await b.getByTestId('card-drawer').waitFor();
			expect(await b.getByTestId('assignment-editor').count()).toBe(0);
			expect(await b.getByRole('button', { name: 'Lưu trữ', exact: true }).count()).toBe(0);
			await screenshot(a, 'board-editing-archived-drawer');
		} finally {
			await manager.context.close();
			await watcher.context.close();
		}
	}, 120_000);

	it("the same changes from an editor's Yjs client are refused by the server", async () => {
		const res = await fetch(`${app.server.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'stc', password: DEMO_PASSWORD })
		});
		const { token } = (await res.json()) as { token: string };
		const doc = new Y.Doc();
		const denied: string[] = [];
		const provider = new WebsocketProvider(app.server.url.replace(/^http/, 'ws') + '/sync', `board/${board.id}`, doc, {
			params: { token },
			WebSocketPolyfill: WebSocket as never,
			disableBc: true
		});
		const origWarn = console.warn;
		console.warn = (...m: unknown[]) => denied.push(m.map(String).join(' '));
		try {
			await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
			const own = readBoard(doc).cards.find((c) => c.lead.includes(stc) && !c.archived)!;
			const section = readBoard(doc).sections[0].id;
			const actor = { userId: 'x' };
			const attempts: (() => void)[] = [
				() =>
					addTask(
						doc,
						{ sectionId: section, code: 'Z.9', title: 'Chen nhiệm vụ', lead: [stc], support: [], deadline: { raw: '', kind: 'unknown', due: null } },
						actor
					),
				() => setTitle(doc, own.id, 'Đổi tên trái phép', actor),
				() => setDeadline(doc, own.id, { raw: 'Năm 2030', kind: 'year', due: '2030-12-31' }, actor),
				() => archiveCard(doc, own.id, 'Không làm nữa', actor)
			];
			for (const attempt of attempts) {
				attempt();
				await new Promise((r) => setTimeout(r, 1200)); // refusals are reported at most once a second
			}
			// The stock client prints the refusal's code (later updates build on the refused one: `update_invalid:pending`).
			await expect
				.poll(() => denied.filter((d) => /^Permission denied to access .*\nassignment_managers_only$/s.test(d)).length, { timeout: 5000 })
				.toBeGreaterThanOrEqual(1);
			const { page, context } = await signIn(app, 'admin');
			const server = await cards(page);
			await context.close();
			expect(server.some((c) => c.title === 'Chen nhiệm vụ')).toBe(false);
			const same = server.find((c) => c.id === own.id)!;
			expect(same.title).toBe(own.title);
			expect(same.deadline.raw).toBe(own.deadline.raw);
			expect(same.archived).toBeNull();
		} finally {
			console.warn = origWarn;
			provider.destroy();
			doc.destroy();
		}
	}, 60_000);
});

describe('lead agencies break tasks down', () => {
	it('a lead editor adds three steps, ticks two and names a handler of its agency, who sees the task under "Việc của tôi"', async () => {
		const people = await (async () => {
			const { page, context } = await signIn(app, 'stc');
			const list = await apiGet<{ id: string; displayName: string; agencyId: string | null }[]>(
				page,
				`/api/people?q=${encodeURIComponent('Thư ký')}`
			);
			await context.close();
			return list;
		})();
		const handler = people.find((p) => p.displayName === 'Thư ký cuộc họp')!;
		const lead = await signIn(app, 'stc');
		const p = lead.page;
		try {
			const task = (await cards(p)).find((c) => c.lead.includes(stc) && !c.archived && c.status !== 'done')!;
			await p.goto(`/boards/${board.id}?card=${task.id}`);
			const drawer = p.getByTestId('card-drawer');
			await drawer.waitFor();
			await synced(p);
			for (const step of ['Khảo sát các HTX', 'Dự thảo báo cáo', 'Trình UBND ký']) {
				await drawer.getByPlaceholder('Bước mới').fill(step);
				await drawer.getByPlaceholder('Bước mới').press('Enter');
				await drawer.getByRole('checkbox', { name: step }).waitFor();
			}
			await drawer.getByRole('checkbox', { name: 'Khảo sát các HTX' }).check();
			await drawer.getByRole('checkbox', { name: 'Dự thảo báo cáo' }).check();
			await expect.poll(() => drawer.getByTestId('checklist-count').textContent()).toBe('2/3 bước');
			await drawer.getByLabel('Cán bộ phụ trách').selectOption(handler.id);
			// Only people of the lead agency are offered.
			const offered = await drawer.getByLabel('Cán bộ phụ trách').locator('option').allTextContents();
			expect(offered.every((o) => o === 'Chưa giao' || o.includes('STC') || o.includes('Tài chính'))).toBe(true);
			await expect
				.poll(async () => (await cards(p)).find((c) => c.id === task.id), { timeout: 5000 })
				.toMatchObject({
					handler: handler.id,
					checklist: [
						{ text: 'Khảo sát các HTX', done: true },
						{ text: 'Dự thảo báo cáo', done: true },
						{ text: 'Trình UBND ký', done: false }
					]
				});

			const mine = await signIn(app, 'thuky');
			try {
				await mine.page.goto('/');
				const section = mine.page.getByTestId('my-handled-tasks');
				await section.getByRole('link', { name: task.title }).waitFor({ timeout: 10_000 });
				await screenshot(mine.page, 'home-my-handled-tasks');
			} finally {
				await mine.context.close();
			}

			// Someone of a supporting agency sees the steps, read-only.
			const other = await signIn(app, 'lanhdao');
			try {
				await other.page.goto(`/boards/${board.id}?card=${task.id}`);
				const d = other.page.getByTestId('card-drawer');
				await d.getByTestId('handler-readonly').waitFor();
				expect(await d.getByRole('checkbox', { name: 'Trình UBND ký' }).isDisabled()).toBe(true);
			} finally {
				await other.context.close();
			}
		} finally {
			await lead.context.close();
		}
	}, 90_000);

	it('typing a 200-character result at normal speed leaves one history entry', async () => {
		const lead = await signIn(app, 'stc');
		const p = lead.page;
		try {
			const task = (await cards(p)).filter((c) => c.lead.includes(stc) && !c.archived && c.status !== 'done')[1];
			await p.goto(`/boards/${board.id}?card=${task.id}`);
			await p.getByTestId('card-drawer').waitFor();
			await synced(p);
			const text =
				'Đã tổ chức khảo sát 45 hợp tác xã trên địa bàn, tổng hợp khó khăn về vốn và đất đai; dự thảo báo cáo gửi Sở Tài chính trước ngày 15/10/2026 để trình UBND thành phố xem xét, ban hành kế hoạch hỗ trợ.'
					.padEnd(200, '.')
					.slice(0, 200);
			expect(text).toHaveLength(200);
			const box = p.locator('#card-result');
			await box.click();
			await box.pressSequentially(text, { delay: 40 });
			await expect.poll(async () => (await cards(p)).find((c) => c.id === task.id)?.result, { timeout: 10_000 }).toBe(text);
			const history = await apiGet<{ field: string; userName: string; edits?: number }[]>(p, `/api/boards/${board.id}/activity?cardId=${task.id}`);
			const results = history.filter((h) => h.field === 'result');
			expect(results).toHaveLength(1);
			expect(results[0].edits).toBeGreaterThan(1);
		} finally {
			await lead.context.close();
		}
	}, 90_000);
});

describe('on a phone', () => {
	it('the add-task dialog fits 390 px', async () => {
		const { page, context } = await signIn(app, 'thuky', { width: 390, height: 844 });
		try {
			await page.goto(`/boards/${board.id}`);
			await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
			const dialog = page.getByTestId('add-task-dialog');
			await dialog.waitFor();
			const width = await dialog.evaluate((el) => el.scrollWidth);
			expect(width).toBeLessThanOrEqual(390);
			await screenshot(page, 'phone-add-task');
		} finally {
			await context.close();
		}
	}, 60_000);
});
