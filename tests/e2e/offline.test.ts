/**
 * A phone loses its network in a corridor: the sync chip says so within a second and counts the
 * edit made meanwhile; a reload without network still shows the board (service worker + IndexedDB);
 * when the network returns the edit reaches a colleague's browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { agencyIdByName, firstBoard, openBoard, screenshot, signIn, startApp, type BoardInfo, type E2EApp } from './helpers/app.js';

const PHONE = { width: 390, height: 844 };

let app: E2EApp;
let board: BoardInfo;
let stcCards: BoardInfo['cards'];

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'stc');
	board = await firstBoard(page);
	const stc = await agencyIdByName(page, 'Sở Tài chính');
	stcCards = board.cards.filter((c) => c.status === 'todo' && c.lead.includes(stc));
	await context.close();
});

afterAll(async () => {
	await app?.close();
});

const chip = (page: Page) => page.getByTestId('sync-status');

/** The status column a card is drawn in on the desktop kanban. */
const columnOf = (page: Page, cardId: string) =>
	page.locator(`[data-card-id="${cardId}"]`).evaluate((el) => el.closest<HTMLElement>('[data-status]')?.dataset.status ?? null);

describe('offline on a phone', () => {
	it('the chip is truthful within a second, an offline reload shows the board, and the edit arrives when back online', async () => {
		const card = stcCards[0];
		const phone = await signIn(app, 'stc', PHONE);
		const colleague = await signIn(app, 'admin');
		try {
			const page = phone.page;
			await openBoard(colleague.page, board.id);
			await colleague.page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });

			await openBoard(page, board.id, `?card=${card.id}`);
			await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
			// The service worker takes control and keeps this page and its start-up data for offline use.
			await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
			await expect
				.poll(() => page.evaluate(async () => !!(await caches.match('/api/me')) && (await caches.keys()).includes('phoihop-pages')), {
					timeout: 10_000
				})
				.toBe(true);

			// Network gone: the chip says so at once, not half a minute later.
			await phone.context.setOffline(true);
			await page.locator('[data-testid="sync-status"][data-state="offline"]').waitFor({ timeout: 1000 });

			// An edit offline is counted as unsent within a second, and the chip stays visible above the open drawer.
			await page.getByTestId('card-drawer').getByLabel('Trạng thái').selectOption('blocked');
			const started = Date.now();
			await chip(page).getByText('1 thay đổi chưa gửi').waitFor({ timeout: 1000 });
			expect(Date.now() - started).toBeLessThan(1000);
			expect(await chip(page).isVisible()).toBe(true);
			await screenshot(page, 'offline-pending-390x844');
			expect(await columnOf(colleague.page, card.id)).toBe('todo');

			// A reload without network shows the board from the phone's own copy.
			await page.reload();
			await page.getByTestId('card').first().waitFor({ timeout: 15_000 });
			await page.getByTestId('card-drawer').waitFor();
			expect(await page.getByTestId('card-drawer').getByLabel('Trạng thái').inputValue()).toBe('blocked');
			await chip(page).getByText('1 thay đổi chưa gửi').waitFor({ timeout: 2000 });
			await screenshot(page, 'offline-reload-390x844');

			// Back online: the edit is sent, the chip turns green, the colleague sees the card move.
			await phone.context.setOffline(false);
			await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 15_000 });
			await expect.poll(() => columnOf(colleague.page, card.id), { timeout: 10_000 }).toBe('blocked');
		} finally {
			await phone.context.close();
			await colleague.context.close();
		}
	});

	it('an edit on a socket that has gone silent is shown as unsent, not as synced', async () => {
		const card = stcCards[1];
		const { page, context } = await signIn(app, 'stc', PHONE);
		let silent = false;
		// The socket stays open but nothing the browser sends reaches the server (a dead mobile link).
		await context.routeWebSocket(/\/sync\//, (ws) => {
			const server = ws.connectToServer();
			ws.onMessage((message) => {
				if (!silent) server.send(message);
			});
		});
		try {
			await openBoard(page, board.id, `?card=${card.id}`);
			await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
			// While the link carries messages, an edit is confirmed by the server's answer and the chip stays green.
			await page.getByTestId('card-drawer').getByLabel('Trạng thái').selectOption('blocked');
			await page.waitForTimeout(1500);
			expect(await chip(page).getAttribute('data-state')).toBe('ok');
			expect(await chip(page).getAttribute('data-unsent')).toBe('0');
			silent = true;
			await page.getByTestId('card-drawer').getByLabel('Trạng thái').selectOption('doing');
			await chip(page).getByText('1 thay đổi chưa gửi').waitFor({ timeout: 2500 });
		} finally {
			await context.close();
		}
	});
});
