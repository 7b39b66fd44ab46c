/**
 * Notifications in the browser: a mention written in one browser raises the unread badge in the
 * mentioned agency's browser within two seconds (server-sent events), and the inbox entry opens the card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { agencyIdByName, apiGet, openBoard, signIn, startApp, type BoardInfo, type E2EApp, type UserPage } from './helpers/app.js';

let app: E2EApp;
let board: BoardInfo;
let snnmtId: string;

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'admin');
	snnmtId = await agencyIdByName(page, 'Sở Nông nghiệp và Môi trường');
	// The first board with a task Sở Nông nghiệp và Môi trường leads (its people may comment there).
	for (const b of await apiGet<{ id: string }[]>(page, '/api/boards')) {
		board = await apiGet<BoardInfo>(page, `/api/boards/${b.id}`);
		if (board.cards.some((c) => c.lead.includes(snnmtId))) break;
	}
	await context.close();
});

afterAll(async () => {
	await app?.close();
});

async function badgeCount(page: Page): Promise<number> {
	const count = page.getByTestId('inbox-badge').locator('.count');
	return (await count.count()) === 0 ? 0 : Number(await count.textContent());
}

describe('a mention reaches the other browser', () => {
	it('Sở NN&MT mentions @LMHTXTP; the badge of Liên minh HTX rises within 2 s; the inbox opens the card', async () => {
		const card = board.cards.find((c) => c.lead.includes(snnmtId))!;
		let writer: UserPage | null = null;
		let reader: UserPage | null = null;
		try {
			writer = await signIn(app, 'snnmt');
			reader = await signIn(app, 'lmhtx');
			await openBoard(writer.page, board.id, `?card=${card.id}`);
			await writer.page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
			// The live stream is open before the mention is written.
			const streamOpen = reader.page.waitForResponse((r) => r.url().includes('/api/inbox/stream') && r.ok());
			await reader.page.goto('/');
			await reader.page.getByTestId('inbox-badge').waitFor();
			await streamOpen;
			const before = await badgeCount(reader.page);

			await writer.page.getByLabel('Bình luận', { exact: true }).fill('Đề nghị @LMHTXTP cung cấp số liệu HTX trước ngày 10/12');
			const sentAt = Date.now();
			await writer.page.getByRole('button', { name: 'Gửi' }).click();
			await expect.poll(() => badgeCount(reader!.page), { timeout: 2000, interval: 50 }).toBe(before + 1);
			expect(Date.now() - sentAt).toBeLessThan(2000);

			await reader.page.getByTestId('inbox-badge').click();
			const entry = reader.page.getByTestId('inbox-message').filter({ hasText: 'nhắc đến Liên minh Hợp tác xã thành phố' });
			await entry.waitFor();
			expect(await entry.textContent()).toContain('Đề nghị @LMHTXTP cung cấp số liệu HTX trước ngày 10/12');
			await entry.getByRole('link', { name: `Mở nhiệm vụ ${card.code}` }).click();
			await reader.page.waitForURL(new RegExp(`/boards/${board.id}\\?card=${card.id}$`));

			await reader.page.goto('/inbox');
			await reader.page.getByRole('button', { name: 'Đánh dấu đã đọc tất cả' }).click();
			await expect.poll(() => badgeCount(reader!.page), { timeout: 2000 }).toBe(0);
		} finally {
			await writer?.context.close();
			await reader?.context.close();
		}
	}, 60_000);
});
