/**
 * Labels (issue 16) in Chromium: the facilitator creates a label, the lead agency sets it on its
 * card, a second browser sees it live; filtering by it narrows the board and the URL carries every
 * filter (a reload keeps it, so the view can be shared as a link). On a phone the label dialog fits
 * 390 px and the drawer's label toggles are 44 px targets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyIdByName, apiGet, firstBoard, openBoard, screenshot, signIn, type BoardInfo, type E2EApp } from './helpers/app.js';
import { startApp } from './helpers/app.js';
import type { Page } from 'playwright-core';

let app: E2EApp;
let board: BoardInfo;
let stc: string;

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'admin');
	board = await firstBoard(page);
	stc = await agencyIdByName(page, 'Sở Tài chính');
	await context.close();
}, 120_000);

afterAll(async () => {
	await app?.close();
});

async function synced(page: Page) {
	await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
}

type Labeled = { labels: { id: string; name: string; color: string }[]; cards: { id: string; labels: string[] }[] };

describe('labels', () => {
	it('the facilitator creates a label, the lead agency sets it, a second browser sees it live, and a filter by it is kept in the URL', async () => {
		const manager = await signIn(app, 'thuky');
		const lead = await signIn(app, 'stc');
		const watcher = await signIn(app, 'snnmt');
		const target = board.cards.find((c) => c.lead.includes(stc))!;
		expect(target).toBeTruthy();
		try {
			await openBoard(manager.page, board.id);
			await openBoard(watcher.page, board.id);
			await synced(manager.page);
			await synced(watcher.page);
			// Editors have no label set to manage.
			expect(await watcher.page.getByTestId('manage-labels').count()).toBe(0);

			// — the facilitator creates "Cần kinh phí" (orange) —
			const a = manager.page;
			await a.getByRole('button', { name: 'Nhãn', exact: true }).click();
			const dialog = a.getByTestId('labels-dialog');
			await dialog.waitFor();
			await dialog.getByLabel('Tên nhãn', { exact: true }).fill('Cần kinh phí');
			await dialog.getByTestId('label-color').selectOption({ label: 'Cam' });
			await dialog.getByLabel('Tên nhãn', { exact: true }).press('Enter');
			await dialog.getByText('Cần kinh phí').first().waitFor();
			await dialog.getByRole('button', { name: 'Đóng' }).click();
			let data = await apiGet<Labeled>(a, `/api/boards/${board.id}`);
			await expect
				.poll(async () => (data = await apiGet<Labeled>(a, `/api/boards/${board.id}`)).labels, { timeout: 5000 })
				.toEqual([expect.objectContaining({ name: 'Cần kinh phí', color: 'orange' })]);
			const labelId = data.labels[0].id;

			// — the lead agency (Sở Tài chính) sets it on its card, from the drawer, with the keyboard —
			const l = lead.page;
			await l.goto(`/boards/${board.id}?card=${target.id}`);
			await synced(l);
			const toggle = l.getByTestId('card-labels').getByRole('button', { name: 'Cần kinh phí' });
			await toggle.focus();
			await l.keyboard.press('Enter');
			await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');

			// — a second browser sees it live on the card —
			const w = watcher.page;
			await w.locator(`[data-card-id="${target.id}"] [data-label-id="${labelId}"]`).waitFor({ timeout: 5000 });
			await expect
				.poll(async () => (await apiGet<Labeled>(a, `/api/boards/${board.id}`)).cards.find((c) => c.id === target.id)?.labels)
				.toEqual([labelId]);

			// — filtering by it narrows the board to that card, and the URL carries the filter —
			const before = await w.getByTestId('card').count();
			expect(before).toBeGreaterThan(1);
			await w.getByLabel('Lọc theo nhãn').selectOption({ label: 'Cần kinh phí' });
			await expect.poll(() => w.getByTestId('card').count()).toBe(1);
			await expect.poll(() => new URL(w.url()).searchParams.get('label')).toBe(labelId);
			// The other filters travel too (a search word), replacing the history entry, not adding one.
			const historyLength = await w.evaluate(() => history.length);
			await w.getByLabel('Tìm kiếm', { exact: false }).first().fill(target.code);
			await expect.poll(() => new URL(w.url()).searchParams.get('q')).toBe(target.code);
			expect(await w.evaluate(() => history.length)).toBe(historyLength);
			// A reload (or the link opened elsewhere) shows the same filtered view.
			const link = w.url();
			await w.reload();
			await w.locator(`[data-card-id="${target.id}"]`).waitFor({ timeout: 15_000 });
			await expect.poll(() => w.getByTestId('card').count()).toBe(1);
			expect(await w.getByLabel('Lọc theo nhãn').inputValue()).toBe(labelId);
			await a.goto(link);
			await a.locator(`[data-card-id="${target.id}"]`).waitFor({ timeout: 15_000 });
			await expect.poll(() => a.getByTestId('card').count()).toBe(1);
			await screenshot(w, 'labels-filtered');
		} finally {
			await manager.context.close();
			await lead.context.close();
			await watcher.context.close();
		}
	}, 120_000);
});

describe('labels on a phone', () => {
	it('the label dialog fits 390 px and the drawer toggles are 44 px targets', async () => {
		const { page, context } = await signIn(app, 'thuky', { width: 390, height: 844 });
		const target = board.cards.find((c) => c.lead.includes(stc))!;
		try {
			await page.goto(`/boards/${board.id}`);
			await page.getByTestId('manage-labels').click();
			const dialog = page.getByTestId('labels-dialog');
			await dialog.waitFor();
			expect(await dialog.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
			await screenshot(page, 'phone-labels');
			await dialog.getByRole('button', { name: 'Đóng' }).click();
			await page.goto(`/boards/${board.id}?card=${target.id}`);
			const toggle = page.getByTestId('card-labels').getByRole('button').first();
			await toggle.waitFor();
			const box = (await toggle.boundingBox())!;
			expect(box.height).toBeGreaterThanOrEqual(44);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		} finally {
			await context.close();
		}
	}, 60_000);
});
