/**
 * Live behaviour of the board: drag and drop, the result text edited by two people at once (with the
 * other's caret shown), and edits made while the connection is down, kept and synced afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import * as Y from 'yjs';
import { CARD, cardsMap } from '../../src/lib/core/board-doc.js';
import { agencyIdByName, apiGet, firstBoard, openBoard, signIn, startApp, type BoardInfo, type E2EApp } from './helpers/app.js';

let app: E2EApp;
let board: BoardInfo;
let stcCards: BoardInfo['cards'];
let lmhtxId: string;

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'admin');
	board = await firstBoard(page);
	const stc = await agencyIdByName(page, 'Sở Tài chính');
	stcCards = board.cards.filter((c) => c.lead.includes(stc) && c.status === 'todo');
	lmhtxId = await agencyIdByName(page, 'Liên minh Hợp tác xã thành phố');
	await context.close();
});

afterAll(async () => {
	await app?.close();
});

async function waitSynced(page: Page) {
	await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
}

async function serverCard(page: Page, cardId: string) {
	const b = await apiGet<BoardInfo>(page, `/api/boards/${board.id}`);
	return b.cards.find((c) => c.id === cardId);
}

describe('drag and drop', () => {
	it('dragging a card onto the "Vướng mắc" column of its section moves it there', async () => {
		const card = stcCards[0];
		const { page, context } = await signIn(app, 'thuky');
		try {
			await openBoard(page, board.id);
			await waitSynced(page);
			const source = page.locator(`[data-card-id="${card.id}"]`);
			const lane = await source.evaluate((el) => el.closest('[data-lane]')?.getAttribute('data-lane'));
			const target = page.locator(`[data-lane="${lane}"][data-status="blocked"]`);
			// Real mouse steps (what a person does); the drop lands in the cell's upper part.
			const from = (await source.boundingBox())!;
			const to = (await target.boundingBox())!;
			await page.mouse.move(from.x + 30, from.y + 20);
			await page.mouse.down();
			await page.mouse.move(from.x + 50, from.y + 40, { steps: 5 });
			await page.mouse.move(to.x + 40, to.y + 20, { steps: 10 });
			await page.mouse.up();
			await page.locator(`[data-status="blocked"] [data-card-id="${card.id}"]`).waitFor({ timeout: 2000 });
			await expect.poll(async () => (await serverCard(page, card.id))?.status, { timeout: 3000 }).toBe('blocked');
		} finally {
			await context.close();
		}
	});

	it('a card the user may not work on is not draggable', async () => {
		const card = stcCards[1];
		const { page, context } = await signIn(app, 'lmhtx');
		try {
			await openBoard(page, board.id);
			expect(await page.locator(`[data-card-id="${card.id}"]`).getAttribute('draggable')).toBe('false');
		} finally {
			await context.close();
		}
	});
});

describe('the result text, edited together', () => {
	it('what one person types appears for the other, who sees who is typing', async () => {
		const card = stcCards[2];
		const a = await signIn(app, 'stc');
		const b = await signIn(app, 'thuky');
		try {
			await openBoard(a.page, board.id, `?card=${card.id}`);
			await openBoard(b.page, board.id, `?card=${card.id}`);
			await Promise.all([waitSynced(a.page), waitSynced(b.page)]);
			const resultA = a.page.getByLabel('Kết quả thực hiện');
			const resultB = b.page.getByLabel('Kết quả thực hiện');
			await resultA.click();
			await a.page.keyboard.type('Đã ban hành Kế hoạch số 12/KH-STC.');
			await expect.poll(() => resultB.inputValue(), { timeout: 2000 }).toBe('Đã ban hành Kế hoạch số 12/KH-STC.');
			await b.page.getByText(/Đang soạn: Chuyên viên Sở Tài chính/).waitFor({ timeout: 3000 });

			// B writes at the start while A keeps typing at the end: both edits survive, in place.
			await resultB.focus();
			await b.page.keyboard.press('Control+Home');
			await b.page.keyboard.type('Quý II: ');
			await a.page.keyboard.type(' Đang triển khai.');
			const expected = 'Quý II: Đã ban hành Kế hoạch số 12/KH-STC. Đang triển khai.';
			await expect.poll(() => resultA.inputValue(), { timeout: 3000 }).toBe(expected);
			await expect.poll(() => resultB.inputValue(), { timeout: 3000 }).toBe(expected);
			await expect.poll(async () => (await serverCard(a.page, card.id))?.result, { timeout: 3000 }).toBe(expected);
		} finally {
			await a.context.close();
			await b.context.close();
		}
	});
});

describe('offline', () => {
	it('an edit made while disconnected is shown as pending, kept in the browser, and synced on reconnect', async () => {
		const card = stcCards[3];
		const { page, context } = await signIn(app, 'stc');
		let online = true;
		const sockets: WebSocketRoute[] = [];
		// The sync socket goes through a switch: "offline" drops it and refuses new ones.
		await context.routeWebSocket(/\/sync\//, (ws) => {
			if (!online) {
				ws.close({ code: 1006, reason: 'offline' });
				return;
			}
			sockets.push(ws);
			ws.connectToServer();
		});
		try {
			await openBoard(page, board.id, `?card=${card.id}`);
			await waitSynced(page);

			online = false;
			for (const ws of sockets.splice(0)) await ws.close({ code: 1006, reason: 'offline' });
			await page.getByTestId('sync-status').getByText('Mất kết nối — đang thử lại').waitFor({ timeout: 5000 });

			await page.getByLabel('Trạng thái').selectOption({ label: 'Vướng mắc' });
			await page
				.getByTestId('sync-status')
				.getByText(/thay đổi chưa gửi/)
				.waitFor({ timeout: 2000 });
			expect((await serverCard(page, card.id))?.status).toBe('todo');

			// The tab is closed before the connection comes back: the edit waits in IndexedDB.
			await page.waitForTimeout(300);
			await page.close();
			online = true;
			const again = await context.newPage();
			await openBoard(again, board.id);
			await waitSynced(again);
			await expect.poll(async () => (await serverCard(again, card.id))?.status, { timeout: 5000 }).toBe('blocked');
		} finally {
			await context.close();
		}
	});
});

describe('a change the server refuses', () => {
	it('is reported, and the board is reloaded from the server', async () => {
		const card = stcCards[4];
		const { page, context } = await signIn(app, 'stc');
		let online = true;
		const sockets: WebSocketRoute[] = [];
		await context.routeWebSocket(/\/sync\//, (ws) => {
			if (!online) return void ws.close({ code: 1006, reason: 'offline' });
			sockets.push(ws);
			ws.connectToServer();
		});
		try {
			await openBoard(page, board.id, `?card=${card.id}`);
			await waitSynced(page);
			online = false;
			for (const ws of sockets.splice(0)) await ws.close({ code: 1006, reason: 'offline' });
			await page.getByTestId('sync-status').getByText('Mất kết nối — đang thử lại').waitFor({ timeout: 5000 });
			// Offline, Sở Tài chính still leads the task and moves it on…
			await page.getByLabel('Trạng thái').selectOption({ label: 'Hoàn thành' });
			// …while the standing office hands the task to another agency.
			await app.server.sync.change(board.id, null, card.id, 'lead', (room) => {
				const lead = cardsMap(room.doc).get(card.id)!.get(CARD.lead) as Y.Array<string>;
				lead.delete(0, lead.length);
				lead.push([lmhtxId]);
			});
			online = true;
			await page.getByText(/Máy chủ từ chối thay đổi: Chỉ đơn vị chủ trì/).waitFor({ timeout: 15_000 });
			await page.getByText(/Bảng đã được tải lại từ máy chủ/).waitFor({ timeout: 5000 });
			await waitSynced(page);
			await expect.poll(() => page.getByLabel('Trạng thái').inputValue(), { timeout: 5000 }).toBe('todo');
			expect(await page.getByLabel('Trạng thái').isDisabled()).toBe(true);
			expect((await serverCard(page, card.id))?.status).toBe('todo');
		} finally {
			await context.close();
		}
	});
});
