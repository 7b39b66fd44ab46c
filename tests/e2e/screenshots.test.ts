/**
 * Screenshots of the main screens at a laptop's 1366×768 and a projector's 1920×1080, saved to
 * tests/e2e/screenshots/ for people to look at; each screen is also checked for what must be on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addComment, setProgress, setResult, setStatus } from '../../src/lib/core/board-doc.js';
import type { Status } from '../../src/lib/core/board-types.js';
import { apiGet, firstBoard, openBoard, screenshot, signIn, startApp, type BoardInfo, type E2EApp } from './helpers/app.js';

let app: E2EApp;
let board: BoardInfo;

const VIEWPORTS = [
	{ name: '1366x768', width: 1366, height: 768 },
	{ name: '1920x1080', width: 1920, height: 1080 }
];

/** A board in the middle of the year: work under way, one obstacle, results and comments written. */
async function seedProgress(users: Record<string, string>) {
	const plan: [number, Status, number, string | null][] = [
		[0, 'doing', 40, 'Đã xây dựng dự thảo Quy chế, đang lấy ý kiến các sở, ngành.'],
		[1, 'doing', 70, 'Đã đăng 12 tin bài trên Cổng thông tin điện tử thành phố.'],
		[4, 'blocked', 20, 'Chưa có hướng dẫn của Bộ Tài chính về định mức hỗ trợ.'],
		[6, 'done', 100, 'Đã tổ chức Hội nghị ngày 15/4/2026.'],
		[9, 'doing', 50, null]
	];
	for (const [i, status, progress, result] of plan) {
		const card = board.cards[i];
		if (!card) continue;
		await app.server.sync.change(board.id, users.stc, card.id, 'status', (room) => {
			const actor = { userId: users.stc, agencyId: card.lead[0] };
			setStatus(room.doc, card.id, status, actor);
			setProgress(room.doc, card.id, progress, actor);
			if (result) setResult(room.doc, card.id, result, actor);
		});
	}
	const first = board.cards[0];
	await app.server.sync.change(board.id, users.snnmt, first.id, 'comment', (room) =>
		addComment(
			room.doc,
			first.id,
			{ body: 'Sở NN&MT đề nghị @STC bổ sung nội dung về HTX nông nghiệp.' },
			{ userId: users.snnmt, agencyId: users.snnmtAgency }
		)
	);
}

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'admin');
	board = await firstBoard(page);
	const people = await apiGet<{ id: string; username?: string; agencyId: string | null }[]>(page, '/api/admin/users');
	const by = (u: string) => people.find((p) => p.username === u)!;
	await seedProgress({ stc: by('stc').id, snnmt: by('snnmt').id, snnmtAgency: by('snnmt').agencyId ?? '' });
	await context.close();
});

afterAll(async () => {
	await app?.close();
});

async function settle(page: Page) {
	await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
	await page.waitForTimeout(400);
}

describe.each(VIEWPORTS)('screens at $name', (vp) => {
	it('home, board, drawer, table and agency views', async () => {
		const viewport = { width: vp.width, height: vp.height };
		const other = await signIn(app, 'snnmt', viewport);
		const { page, context } = await signIn(app, 'stc', viewport);
		try {
			await page.goto('/');
			await page.getByRole('heading', { name: 'Việc của đơn vị tôi' }).waitFor();
			await page.locator('.board-link').first().waitFor();
			await screenshot(page, `home-${vp.name}`);

			const card = board.cards[0];
			await openBoard(other.page, board.id, `?card=${card.id}`);
			await openBoard(page, board.id);
			await settle(page);
			await page.locator(`[data-card-id="${card.id}"] [data-testid="card-viewers"]`).waitFor({ timeout: 5000 });
			await screenshot(page, `board-${vp.name}`);
			for (const name of ['Chưa triển khai', 'Đang thực hiện', 'Vướng mắc', 'Hoàn thành']) {
				expect(await page.getByTestId('kanban').getByText(name, { exact: true }).count()).toBeGreaterThan(0);
			}

			await page.locator(`[data-card-id="${card.id}"]`).click();
			await page.getByTestId('card-drawer').waitFor();
			await other.page.getByLabel('Kết quả thực hiện').click();
			await other.page.keyboard.press('End');
			await page.getByText(/Đang soạn:/).waitFor({ timeout: 5000 });
			await page.waitForTimeout(300);
			await screenshot(page, `drawer-${vp.name}`);
			expect(page.url()).toContain(`card=${card.id}`);

			await page.goto(`/boards/${board.id}?view=table`);
			await page.getByTestId('table-view').waitFor();
			await settle(page);
			await screenshot(page, `table-${vp.name}`);
			expect(await page.getByRole('columnheader', { name: 'Cơ quan chủ trì' }).count()).toBe(1);

			await page.goto(`/boards/${board.id}?view=agency`);
			await page.getByTestId('agency-view').waitFor();
			await settle(page);
			await screenshot(page, `agency-${vp.name}`);
		} finally {
			await context.close();
			await other.context.close();
		}
	});
});
