/**
 * With the English interface chosen, the server's refusals read in English: a failed sign-in, a
 * plan file that is not a plan, an administrator's refused edit (an agency that already exists),
 * an edit the sync server refuses, and a page whose object does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencies } from '../../src/lib/core/board-editing.js';
import { docxBytes, para } from '../unit/import-docx/docx-builder.js';
import { connectBoard, synced } from '../integration/helpers/server.js';
import { agencyIdByName, apiGet, DEMO_PASSWORD, dropFile, english, firstBoard, openBoard, signIn, startApp, type E2EApp } from './helpers/app.js';

let app: E2EApp;

beforeAll(async () => {
	app = await startApp();
});

afterAll(async () => {
	await app?.close();
});

describe('the English interface shows the server refusals in English', () => {
	it('a failed sign-in', async () => {
		const context = await app.browser.newContext({ baseURL: app.server.url, locale: 'en-GB' });
		const page = await english({ context, page: await context.newPage() });
		try {
			await page.goto('/login');
			await page.locator('#username').fill('stc');
			await page.locator('#password').fill('not-the-password');
			await page.locator('#password').press('Enter');
			await expect.poll(() => page.locator('#login-error').textContent(), { timeout: 10_000 }).toContain('Wrong username or password');
			expect(await page.locator('#login-error').textContent()).not.toContain('không đúng');
		} finally {
			await context.close();
		}
	});

	it('a file that is not a plan', async () => {
		const user = await signIn(app, 'admin');
		const page = await english(user);
		try {
			await page.goto('/import');
			await dropFile(page, await docxBytes([para('GIẤY MỜI'), para('Kính mời đồng chí dự họp lúc 8 giờ ngày 10/4/2026.')]), 'giay-moi.docx');
			const alert = page.getByRole('alert').filter({ hasText: 'does not look like a plan' });
			await alert.waitFor({ timeout: 20_000 });
			expect(await alert.textContent()).not.toContain('kế hoạch');
		} finally {
			await user.context.close();
		}
	});

	it("an administrator's refused edit: adding an agency that already exists", async () => {
		const user = await signIn(app, 'admin');
		const page = await english(user);
		try {
			await page.goto('/admin');
			await page.locator('#tab-agencies').click();
			await page.locator('#agency-name').fill('Sở Tài chính');
			await page.locator('#agency-name').press('Enter');
			const alert = page.locator('.form-error');
			await alert.waitFor({ timeout: 10_000 });
			expect(await alert.textContent()).toBe('The agency "Sở Tài chính" is already in the list');
		} finally {
			await user.context.close();
		}
	});

	it('an edit the sync server refuses (the agency stopped leading the task while offline)', async () => {
		const user = await signIn(app, 'stc', { width: 1366, height: 900 });
		const page = await english(user);
		const admin = await signIn(app, 'admin');
		const board = await firstBoard(admin.page);
		const stc = await agencyIdByName(admin.page, 'Sở Tài chính');
		const other = await agencyIdByName(admin.page, 'Sở Nông nghiệp và Môi trường');
		const card = board.cards.find((c) => c.status === 'todo' && c.lead.includes(stc))!;
		const adminId = (await apiGet<{ user: { id: string } }>(admin.page, '/api/me')).user.id;
		const token = (await (await admin.page.request.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } })).json()) as {
			token: string;
		};
		const wsUrl = app.server.url.replace(/^http/, 'ws');
		const editor = connectBoard(wsUrl, board.id, token.token);
		try {
			await openBoard(page, board.id, `?card=${card.id}`);
			await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
			await user.context.setOffline(true);
			await page.locator('[data-testid="sync-status"][data-state="offline"]').waitFor({ timeout: 5000 });
			await page.getByTestId('card-drawer').getByLabel('Status').selectOption('blocked');

			// Meanwhile the standing office gives the task to another agency.
			await synced(editor);
			setAgencies(editor.doc, card.id, { lead: [other], support: [] }, { userId: adminId });

			await user.context.setOffline(false);
			const toast = page.getByRole('status').filter({ hasText: 'The server refused a change' });
			await toast.waitFor({ timeout: 15_000 });
			expect(await toast.textContent()).toMatch(
				/The server refused a change: (Only the lead agency may update the progress of this task|Your agency does not take part in this task)/
			);
		} finally {
			editor.destroy();
			await user.context.close();
			await admin.context.close();
		}
	});

	it('a snapshot that does not exist is a not-found page', async () => {
		const user = await signIn(app, 'admin');
		const page = await english(user);
		try {
			await page.goto('/snapshots/khong-co/dashboard');
			const error = page.getByTestId('error-page');
			await error.waitFor({ timeout: 10_000 });
			expect(await error.locator('h1').textContent()).toBe('Page not found');
			expect(await error.textContent()).toContain('Snapshot not found');
		} finally {
			await user.context.close();
		}
	});
});
