/**
 * The Content-Security-Policy in a real browser: the main pages load, connect their board socket and
 * register the service worker without a single violation; the app cannot be framed. And the
 * sessions page: a user sees their devices and signs the others out, whose open board disconnects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { firstBoard, openBoard, signIn, startApp, type BoardInfo, type E2EApp } from './helpers/app.js';
import { seriousViolations } from './helpers/axe.js';

let app: E2EApp;
let board: BoardInfo;

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'admin');
	board = await firstBoard(page);
	await context.close();
});
afterAll(async () => app?.close());

/** Records CSP violations (the DOM event) and console errors of a page from its first script on. */
async function watch(context: BrowserContext, page: Page) {
	await context.addInitScript(() => {
		const w = window as unknown as { __csp: string[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
		);
	});
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return {
		errors,
		violations: () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])
	};
}

const synced = (page: Page) => page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 15_000 });
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });

const PAGES: { name: string; user: string; path: () => string; ready: (p: Page) => Promise<unknown> }[] = [
	{ name: 'home', user: 'admin', path: () => '/', ready: (p) => p.locator('.board-link').first().waitFor({ timeout: 15_000 }) },
	{ name: 'board', user: 'stc', path: () => `/boards/${board.id}`, ready: synced },
	{ name: 'table', user: 'stc', path: () => `/boards/${board.id}?view=table`, ready: synced },
	{
		name: 'drawer',
		user: 'stc',
		path: () => `/boards/${board.id}?card=${board.cards[0].id}`,
		ready: (p) => p.getByTestId('card-drawer').waitFor({ timeout: 15_000 })
	},
	{
		name: 'dashboard',
		user: 'lanhdao',
		path: () => `/boards/${board.id}/dashboard`,
		ready: (p) => p.getByTestId('tile-doneOnTime').waitFor({ timeout: 15_000 })
	},
	{
		name: 'reviews',
		user: 'thuky',
		path: () => `/boards/${board.id}/review`,
		ready: (p) => p.getByTestId('open-review').waitFor({ timeout: 15_000 })
	},
	{ name: 'inbox', user: 'snnmt', path: () => '/inbox', ready: heading },
	{ name: 'notifications', user: 'snnmt', path: () => '/notifications', ready: heading },
	{ name: 'members', user: 'admin', path: () => '/members', ready: heading },
	{ name: 'import', user: 'admin', path: () => '/import', ready: heading },
	{ name: 'admin', user: 'admin', path: () => '/admin', ready: heading },
	{ name: 'sessions', user: 'stc', path: () => '/sessions', ready: (p) => p.getByTestId('session').first().waitFor({ timeout: 15_000 }) }
];

describe('Content-Security-Policy in Chromium', () => {
	it('every main page loads with no violation and no console error', async () => {
		for (const p of PAGES) {
			const { context, page } = await signIn(app, p.user);
			try {
				const seen = await watch(context, page);
				const res = await page.goto(p.path());
				const csp = res?.headers()['content-security-policy'] ?? '';
				expect(csp, p.name).toMatch(/script-src 'self' 'nonce-[^']+'/);
				expect(csp, p.name).toContain("frame-ancestors 'none'");
				expect(csp, p.name).toContain(`ws://${new URL(app.server.url).host}`);
				await p.ready(page);
				await page.waitForTimeout(300);
				expect(await seen.violations(), p.name).toEqual([]);
				expect(
					seen.errors.filter((e) => /Content Security Policy|Refused to/i.test(e)),
					p.name
				).toEqual([]);
				if (p.name === 'home') {
					// The watch itself works: an injected inline script is refused and reported.
					await page.evaluate(() => {
						const s = document.createElement('script');
						s.textContent = 'window.__injected = true';
						document.body.append(s);
					});
					await page.waitForTimeout(200);
					expect(await page.evaluate(() => 'injected' in window || '__injected' in window)).toBe(false);
					expect((await seen.violations()).some((v) => v.startsWith('script-src'))).toBe(true);
				}
			} finally {
				await context.close();
			}
		}
	}, 180_000);

	it('the sign-in page, signed out, loads and signs in with no violation; the service worker takes over', async () => {
		const context = await app.browser.newContext({ baseURL: app.server.url, locale: 'vi-VN' });
		const page = await context.newPage();
		try {
			const seen = await watch(context, page);
			await page.goto('/login');
			await page.locator('#username').fill('stc');
			await page.locator('#password').fill('demo-phoihop');
			await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
			await page.locator('.board-link').first().waitFor({ timeout: 15_000 });
			const worker = await page.evaluate(async () => {
				const reg = await navigator.serviceWorker.ready;
				return reg.active?.state ?? null;
			});
			expect(worker).toBe('activated');
			await openBoard(page, board.id);
			await synced(page);
			expect(await seen.violations()).toEqual([]);
			expect(seen.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
		} finally {
			await context.close();
		}
	}, 60_000);

	it('a page of another origin cannot frame the app (frame-ancestors)', async () => {
		const context = await app.browser.newContext();
		const page = await context.newPage();
		try {
			// A page of another site, with no policy of its own, that frames the sign-in page.
			await page.route('http://other-site.example/', (route) =>
				route.fulfill({ contentType: 'text/html', body: `<iframe src="${app.server.url}/login" width="400" height="300"></iframe>` })
			);
			await page.goto('http://other-site.example/');
			await page.waitForTimeout(1500);
			const frame = page.frames().find((f) => f !== page.mainFrame());
			// The framed page never ran: no sign-in form in it.
			const inputs = frame
				? await frame
						.locator('input')
						.count()
						.catch(() => 0)
				: 0;
			expect(inputs).toBe(0);
			// Chromium shows its error page in place of the refused frame.
			expect(frame?.url()).toMatch(/^chrome-error:/);
		} finally {
			await context.close();
		}
	}, 30_000);
});

describe('sessions page', () => {
	it('lists this device and the phone; "sign out everywhere else" disconnects the phone’s open board', async () => {
		// An account no other test signs in with: its only sessions are these two.
		const laptop = await signIn(app, 'lmhtx');
		const phoneContext = await app.browser.newContext({
			baseURL: app.server.url,
			viewport: { width: 390, height: 844 },
			userAgent:
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
		});
		const phone = await phoneContext.newPage();
		try {
			const res = await phone.request.post('/api/auth/login', { data: { username: 'lmhtx', password: 'demo-phoihop' } });
			expect(res.ok()).toBe(true);
			await openBoard(phone, (await firstBoard(phone)).id);
			await synced(phone);

			await laptop.page.goto('/');
			// In the account menu, opened from the user's name in the header.
			await laptop.page.getByTestId('account-toggle').click();
			await laptop.page.getByTestId('sessions-link').click();
			await laptop.page.getByTestId('session').nth(1).waitFor({ timeout: 15_000 });
			const rows = laptop.page.getByTestId('session');
			expect(await rows.count()).toBe(2);
			const current = laptop.page.locator('[data-testid="session"][data-current="true"]');
			expect(await current.getByText('Thiết bị này', { exact: true }).count()).toBe(1);
			const other = laptop.page.locator('[data-testid="session"][data-current="false"]');
			expect(await other.textContent()).toContain('Safari 17 · iPhone');

			// Signing out that one session asks for the password too; Escape leaves it signed in.
			await other.getByRole('button', { name: 'Đăng xuất phiên này' }).click();
			const one = laptop.page.getByRole('dialog', { name: 'Đăng xuất phiên này' });
			await one.waitFor();
			expect(await one.textContent()).toContain('Safari 17 · iPhone');
			await laptop.page.keyboard.press('Escape');
			await one.waitFor({ state: 'hidden', timeout: 10_000 });
			expect((await phone.request.get('/api/me')).status()).toBe(200);

			// The password is asked for again (ASVS 3.3.4), by keyboard: a wrong one leaves the phone signed in.
			await laptop.page.getByTestId('end-others').click();
			const dialog = laptop.page.getByRole('dialog', { name: 'Đăng xuất mọi nơi khác' });
			await dialog.waitFor();
			const password = dialog.getByLabel('Mật khẩu của bạn');
			expect(await password.evaluate((el) => el === document.activeElement)).toBe(true);
			await password.fill('mat-khau-sai');
			await password.press('Enter');
			await dialog.getByRole('alert').getByText('Mật khẩu không đúng').waitFor({ timeout: 10_000 });
			expect(await password.inputValue()).toBe('');
			expect((await phone.request.get('/api/me')).status()).toBe(200);
			expect(await seriousViolations(laptop.page)).toEqual([]);
			await password.fill('demo-phoihop');
			await password.press('Enter');
			await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
			await laptop.page.getByText('Đã đăng xuất 1 phiên khác.').waitFor({ timeout: 10_000 });
			await rows.nth(1).waitFor({ state: 'detached', timeout: 10_000 });
			expect(await rows.count()).toBe(1);

			// The phone's socket was closed by the server (4401): its board no longer shows as connected.
			await phone.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ state: 'detached', timeout: 10_000 });
			expect((await phone.request.get('/api/me')).status()).toBe(401);
			expect((await laptop.page.request.get('/api/me')).status()).toBe(200);

			// In English too.
			await laptop.page.getByTestId('account-toggle').click();
			await laptop.page.locator('.lang select').selectOption('en');
			await laptop.page.getByRole('heading', { name: 'Sessions' }).waitFor();
			await laptop.page.getByText('This device', { exact: true }).waitFor();
		} finally {
			await phoneContext.close();
			await laptop.context.close();
		}
	}, 60_000);
});
