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
	{ name: 'dashboard', user: 'lanhdao', path: () => `/boards/${board.id}/dashboard`, ready: (p) => p.getByTestId('tile-doneOnTime').waitFor({ timeout: 15_000 }) },
	{ name: 'inbox', user: 'snnmt', path: () => '/inbox', ready: heading },
	{ name: 'reviews', user: 'thuky', path: () => `/boards/${board.id}/review`, ready: (p) => p.getByTestId('open-review').waitFor() },
	{ name: 'review-session', user: 'thuky', path: () => `/boards/${board.id}/review/${openSessionId}`, ready: (p) => p.getByTestId('review-card').waitFor({ timeout: 15_000 }) },
	{ name: 'minutes', user: 'thuky', path: () => `/boards/${board.id}/review/${closedSessionId}/minutes`, ready: (p) => p.getByTestId('minutes').waitFor() },
	{ name: 'import', user: 'admin', path: () => '/import', ready: heading },
	{ name: 'admin', user: 'admin', path: () => '/admin', ready: heading },
	{ name: 'board-not-found', user: 'stc', path: () => '/boards/khong-co-bang-nay', ready: async (p) => {
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
