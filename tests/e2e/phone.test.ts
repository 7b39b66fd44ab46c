/**
 * Every page at a phone's 390×844 and a laptop's 1366×768: nothing scrolls sideways on the phone,
 * axe-core finds no serious or critical violation, and a screenshot of each is kept in
 * tests/e2e/screenshots/ (a CI artifact) for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, firstBoard, screenshot, signIn, startApp, type BoardInfo, type E2EApp } from './helpers/app.js';
import { seriousViolations } from './helpers/axe.js';
import type { ReviewSession } from '../../src/lib/review/review-types.js';

const PHONE = { width: 390, height: 844 };

const VIEWPORTS = [
	{ name: '390x844', width: 390, height: 844, phone: true },
	{ name: '1366x768', width: 1366, height: 768, phone: false }
];

let app: E2EApp;
let board: BoardInfo;
let openSessionId: string;
let closedSessionId: string;

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'thuky');
	board = await firstBoard(page);
	const open = async (quarter: number) => {
		const res = await page.request.post(`/api/boards/${board.id}/reviews`, { data: { year: 2026, quarter } });
		if (!res.ok()) throw new Error(`review: ${res.status()} ${await res.text()}`);
		return (await res.json()) as ReviewSession;
	};
	closedSessionId = (await open(1)).id;
	const closed = await page.request.post(`/api/reviews/${closedSessionId}/close`);
	if (!closed.ok()) throw new Error(`close: ${closed.status()}`);
	openSessionId = (await open(2)).id;
	// An agency asks for a reminder so the inbox has something in it.
	await page.request.post(`/api/boards/${board.id}/reminders`, { data: {} });
	await context.close();
});

afterAll(async () => {
	await app?.close();
});

interface Screen {
	name: string;
	user: string;
	path: () => string;
	ready: (page: Page) => Promise<unknown>;
}

const boardReady = async (page: Page) => {
	await page.getByTestId('card').first().or(page.getByTestId('table-view')).or(page.getByTestId('agency-view')).first().waitFor({ timeout: 15_000 });
	await page.locator('[data-testid="sync-status"][data-state="ok"]').waitFor({ timeout: 10_000 });
};
const heading = (page: Page) => page.locator('main h1').first().waitFor({ timeout: 15_000 });

const SCREENS: Screen[] = [
	{ name: 'home', user: 'stc', path: () => '/', ready: (p) => p.locator('.board-link').first().waitFor() },
	{ name: 'home-leader', user: 'lanhdao', path: () => '/', ready: (p) => p.getByTestId('leader-home').waitFor() },
	{ name: 'board-kanban', user: 'stc', path: () => `/boards/${board.id}`, ready: boardReady },
	{ name: 'board-table', user: 'stc', path: () => `/boards/${board.id}?view=table`, ready: boardReady },
	{ name: 'board-agency', user: 'stc', path: () => `/boards/${board.id}?view=agency`, ready: boardReady },
	{
		name: 'drawer',
		user: 'stc',
		path: () => `/boards/${board.id}?card=${board.cards[0].id}`,
		ready: async (p) => {
			await boardReady(p);
			await p.getByTestId('card-drawer').waitFor();
		}
	},
	{
		name: 'dashboard',
		user: 'lanhdao',
		path: () => `/boards/${board.id}/dashboard`,
		ready: (p) => p.getByTestId('tile-doneOnTime').waitFor({ timeout: 15_000 })
	},
	{ name: 'inbox', user: 'snnmt', path: () => '/inbox', ready: heading },
	{ name: 'reviews', user: 'thuky', path: () => `/boards/${board.id}/review`, ready: (p) => p.getByTestId('open-review').waitFor() },
	{
		name: 'review-session',
		user: 'thuky',
		path: () => `/boards/${board.id}/review/${openSessionId}`,
		ready: (p) => p.getByTestId('review-card').waitFor({ timeout: 15_000 })
	},
	{
		name: 'minutes',
		user: 'thuky',
		path: () => `/boards/${board.id}/review/${closedSessionId}/minutes`,
		ready: (p) => p.getByTestId('minutes').waitFor()
	},
	{ name: 'import', user: 'admin', path: () => '/import', ready: heading },
	{ name: 'admin', user: 'admin', path: () => '/admin', ready: heading },
	{
		name: 'board-not-found',
		user: 'stc',
		path: () => '/boards/khong-co-bang-nay',
		ready: async (p) => {
			await p.getByTestId('board-not-found').waitFor({ timeout: 10_000 });
			// Nothing left trying to connect: no sync chip, no "Đang tải bảng…".
			expect(await p.getByTestId('sync-status').count()).toBe(0);
			expect(await p.getByText('Đang tải bảng…').count()).toBe(0);
		}
	}
];

async function overflowing(page: Page, width: number): Promise<string> {
	return page.evaluate((w) => {
		const out: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 1 && r.width > 0 && ![...out].some((o) => o === el.tagName)) {
				const parentWide = el.parentElement && el.parentElement.getBoundingClientRect().right > w + 1;
				if (!parentWide) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(r.right)}px)`);
			}
		}
		return out.slice(0, 8).join(', ');
	}, width);
}

describe.each(VIEWPORTS)('every page at $name', (vp) => {
	it.each(SCREENS)('$name: no sideways scroll, no serious axe violation', async (screen) => {
		const { page, context } = await signIn(app, screen.user, { width: vp.width, height: vp.height });
		try {
			await page.goto(screen.path());
			await screen.ready(page);
			await page.waitForTimeout(300);
			await screenshot(page, `${screen.name}-${vp.name}`);
			const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
			// The message names the elements that stick out, so a failure says what to fix.
			const wide = scrollWidth > vp.width ? await overflowing(page, vp.width) : '';
			expect(scrollWidth, `${screen.name} lays out ${scrollWidth}px wide: ${wide}`).toBeLessThanOrEqual(vp.width);
			expect(await seriousViolations(page)).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

/** Visible controls smaller than a 44 px touch target, named for the failure message. */
async function smallTargets(page: Page, scope: string): Promise<string[]> {
	return page.locator(scope).evaluate((root) => {
		const small: string[] = [];
		for (const el of root.querySelectorAll<HTMLElement>(
			'button, select, input:not([type="checkbox"]):not([type="range"]), [role="tab"], .views a, .pages a'
		)) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) continue;
			if (r.height < 43.5)
				small.push(
					`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.height)}px`
				);
		}
		return small;
	});
}

describe('the board on a phone', () => {
	it('shows one status column at a time, moves a card by its menu, and every control is a 44 px target', async () => {
		const { page, context } = await signIn(app, 'stc', PHONE);
		try {
			await page.goto(`/boards/${board.id}`);
			await boardReady(page);
			expect(await smallTargets(page, '.board-page')).toEqual([]);
			expect(await smallTargets(page, '.app-header')).toEqual([]);

			// Only the "Chưa triển khai" column is drawn (this board has nothing in progress yet).
			const visibleStatuses = () =>
				page
					.locator('[data-testid="card"]')
					.evaluateAll((els) => [
						...new Set(els.filter((e) => (e as HTMLElement).offsetParent).map((e) => e.closest<HTMLElement>('[data-status]')!.dataset.status))
					]);
			expect(await visibleStatuses()).toEqual(['todo']);

			// The move menu of a card Sở Tài chính leads takes it to "Đang thực hiện".
			const menu = page.getByRole('combobox', { name: /^Chuyển nhiệm vụ .* sang cột khác$/ }).first();
			const code = ((await menu.getAttribute('aria-label')) ?? '').replace(/^Chuyển nhiệm vụ (\S+) .*$/, '$1');
			await menu.selectOption('doing');
			await expect
				.poll(async () => (await apiGet<BoardInfo>(page, `/api/boards/${board.id}`)).cards.find((c) => c.code === code)?.status, { timeout: 5000 })
				.toBe('doing');

			// The "Đang thực hiện" tab shows that column only, with the card just moved.
			await page.getByTestId('phone-tab-doing').click();
			expect(await visibleStatuses()).toEqual(['doing']);
			expect(await page.getByTestId('phone-tab-doing').textContent()).toContain('1');
			await screenshot(page, 'board-kanban-doing-390x844');
			await page.getByTestId('phone-tab-todo').click();

			// The drawer covers the whole phone, its buttons are touch targets, the sync chip stays in view.
			await page.getByTestId('card').first().click();
			const drawer = page.getByTestId('card-drawer');
			await drawer.waitFor();
			const box = (await drawer.boundingBox())!;
			expect(box.x).toBe(0);
			expect(box.width).toBe(PHONE.width);
			expect(await smallTargets(page, '[data-testid="card-drawer"] .drawer-head')).toEqual([]);
			expect(await page.getByTestId('sync-status').isVisible()).toBe(true);
		} finally {
			await context.close();
		}
	});

	it('the header keeps the mark, the sync chip, the inbox and a menu; the menu holds the account, language and sign-out', async () => {
		const { page, context } = await signIn(app, 'admin', PHONE);
		try {
			await page.goto(`/boards/${board.id}`);
			await boardReady(page);
			const logout = page.getByRole('button', { name: 'Đăng xuất' });
			expect(await logout.isVisible()).toBe(false);
			await page.getByRole('button', { name: 'Trình đơn' }).click();
			await logout.waitFor();
			expect(await page.getByRole('link', { name: 'Nhập kế hoạch' }).isVisible()).toBe(true);
			expect(await page.getByLabel('Ngôn ngữ').isVisible()).toBe(true);
			expect(await smallTargets(page, '#header-menu')).toEqual([]);
			await screenshot(page, 'header-menu-390x844');
			// The open menu stays inside the screen.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
			expect(await page.locator('#header-menu').evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(PHONE.width);
			await page.keyboard.press('Escape');
			expect(await logout.isVisible()).toBe(false);
		} finally {
			await context.close();
		}
	});

	it('the app is installable: a manifest with 192 and 512 px icons, and a service worker', async () => {
		const { page, context } = await signIn(app, 'stc', PHONE);
		try {
			await page.goto('/');
			const href = await page.locator('link[rel="manifest"]').getAttribute('href');
			const manifest = await apiGet<{ name: string; start_url: string; display: string; icons: { src: string; sizes: string }[] }>(page, href!);
			expect(manifest.display).toBe('standalone');
			expect(manifest.start_url).toBe('/');
			for (const size of ['192x192', '512x512']) {
				const icon = manifest.icons.find((i) => i.sizes === size)!;
				expect((await page.request.get(icon.src)).headers()['content-type']).toContain('image/png');
			}
			await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
		} finally {
			await context.close();
		}
	});
});

/** What in the header sticks out of its one row (or out of the screen), named for the failure message. */
async function headerOverflow(page: Page): Promise<string[]> {
	return page.locator('header.app-header').evaluate((header) => {
		const box = header.getBoundingClientRect();
		const out: string[] = [];
		if (header.scrollWidth > header.clientWidth + 1) out.push(`header ${header.scrollWidth}px wide in ${header.clientWidth}px`);
		for (const el of header.querySelectorAll<HTMLElement>('*')) {
			// Closed menus are not drawn; the open ones hang below the bar on purpose.
			if (el.closest('#account-menu, #header-menu') || el.getClientRects().length === 0) continue;
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) continue;
			const name = `${el.tagName.toLowerCase()}.${[...el.classList].filter((c) => !c.startsWith('svelte-')).join('.')}`;
			if (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) out.push(`${name} spans ${Math.round(r.top)}–${Math.round(r.bottom)}px`);
			if (r.right > window.innerWidth + 0.5) out.push(`${name} ends at ${Math.round(r.right)}px`);
		}
		return out;
	});
}

describe('the header', () => {
	const WIDE = [
		{ name: '1366x768', width: 1366, height: 768 },
		{ name: '1920x1080', width: 1920, height: 1080 }
	];
	// The administrator has the most links; dn.snnmt the longest name and another organization.
	it.each(WIDE.flatMap((vp) => ['admin', 'dn.snnmt'].map((user) => ({ ...vp, user }))))(
		'$name, $user: one row on a board, the organization in full, the rest in the account menu',
		async ({ name, width, height, user }) => {
			const { page, context } = await signIn(app, user, { width, height });
			try {
				const boards = await apiGet<{ id: string }[]>(page, '/api/boards');
				await page.goto(`/boards/${boards[0].id}`);
				await boardReady(page);
				const header = page.locator('header.app-header');
				const rowHeight = await header.evaluate(
					(el) =>
						parseFloat(getComputedStyle(el).getPropertyValue('--header-height')) * parseFloat(getComputedStyle(document.documentElement).fontSize)
				);
				expect((await header.boundingBox())!.height).toBeLessThanOrEqual(rowHeight + 1);
				expect(await headerOverflow(page)).toEqual([]);
				const org = page.getByTestId('org-name');
				expect(await org.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
				expect(await org.getAttribute('title')).toContain((await org.textContent())!.trim());
				if (user === 'dn.snnmt') await screenshot(page, `header-${name}`);

				// Sessions, language and sign-out are in the account menu, opened from the user's name.
				const toggle = page.getByTestId('account-toggle');
				await toggle.click();
				const menu = page.locator('#account-menu');
				await menu.getByTestId('sessions-link').waitFor();
				expect(await menu.getByLabel('Ngôn ngữ').isVisible()).toBe(true);
				expect(await menu.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
				await page.keyboard.press('Escape');
				expect(await menu.isVisible()).toBe(false);
				expect(await toggle.getAttribute('aria-expanded')).toBe('false');
			} finally {
				await context.close();
			}
		}
	);

	it('390x844: the bar is one row and nothing sticks out of the screen, on a board and with the menu open', async () => {
		const { page, context } = await signIn(app, 'dn.snnmt', PHONE);
		try {
			const boards = await apiGet<{ id: string }[]>(page, '/api/boards');
			await page.goto(`/boards/${boards[0].id}`);
			await boardReady(page);
			expect(await headerOverflow(page)).toEqual([]);
			await page.getByRole('button', { name: 'Trình đơn' }).click();
			await page.locator('#header-menu').getByRole('button', { name: 'Đăng xuất' }).waitFor();
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
			expect(await page.locator('#header-menu').evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(PHONE.width);
		} finally {
			await context.close();
		}
	});
});
