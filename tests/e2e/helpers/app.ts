/**
 * End-to-end harness: a real server (built SvelteKit app, demo workspace, temporary data folder) and
 * Debian's Chromium driven by playwright-core, with each user in a browser context of their own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../server/server.js';
import type { Config } from '../../../server/config.js';

export const DEMO_PASSWORD = 'demo-phoihop';
export const SCREENSHOT_DIR = path.resolve('tests/e2e/screenshots');

export interface E2EApp {
	server: RunningServer;
	browser: Browser;
	dataDir: string;
	close(): Promise<void>;
}

function chromiumPath(): string {
	for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
		if (p && fs.existsSync(p)) return p;
	}
	throw new Error('Chromium không có trên máy: cài bằng "apt-get install -y chromium"');
}

export async function startApp(overrides: Partial<Config> = {}): Promise<E2EApp> {
	if (!fs.existsSync(path.resolve('build/handler.js'))) throw new Error('Chưa build giao diện: chạy "npm run build" trước');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-e2e-'));
	const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, ...overrides }, { quiet: true });
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	return {
		server,
		browser,
		dataDir,
		async close() {
			await browser.close();
			await server.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface UserPage {
	context: BrowserContext;
	page: Page;
}

/** A browser context signed in as a demo user (the session cookie set through the API). */
export async function signIn(
	app: E2EApp,
	username: string,
	viewport: { width: number; height: number } = { width: 1366, height: 768 }
): Promise<UserPage> {
	const context = await app.browser.newContext({ baseURL: app.server.url, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
	const page = await context.newPage();
	const res = await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
	if (!res.ok()) throw new Error(`đăng nhập ${username}: ${res.status()} ${await res.text()}`);
	return { context, page };
}

export interface BoardInfo {
	id: string;
	title: string;
	cards: { id: string; code: string; title: string; status: string; lead: string[]; support: string[]; result: string; progress: number }[];
}

export async function apiGet<T>(page: Page, url: string): Promise<T> {
	const res = await page.request.get(url);
	if (!res.ok()) throw new Error(`${url}: ${res.status()}`);
	return (await res.json()) as T;
}

export async function firstBoard(page: Page): Promise<BoardInfo> {
	const boards = await apiGet<{ id: string }[]>(page, '/api/boards');
	return apiGet<BoardInfo>(page, `/api/boards/${boards[0].id}`);
}

export async function agencyIdByName(page: Page, name: string): Promise<string> {
	const agencies = await apiGet<{ id: string; name: string }[]>(page, '/api/agencies');
	const a = agencies.find((x) => x.name === name);
	if (!a) throw new Error(`không có đơn vị ${name}`);
	return a.id;
}

export async function openBoard(page: Page, boardId: string, query = ''): Promise<void> {
	await page.goto(`/boards/${boardId}${query}`);
	await page.getByTestId('card').first().waitFor({ timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name}.png`);
	await page.screenshot({ path: file });
	return file;
}

/** Drops a Word file on the page's file-drop zone, as a person drags one there (a drop event carrying the file). */
export async function dropFile(page: Page, bytes: Uint8Array, name: string): Promise<void> {
	await page.getByTestId('file-drop').first().waitFor();
	await page.evaluate(
		({ b64, name }) => {
			const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
			const dt = new DataTransfer();
			dt.items.add(new File([data], name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
			document
				.querySelector('[data-testid="file-drop"]')!
				.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
		},
		{ b64: Buffer.from(bytes).toString('base64'), name }
	);
}

/** The user's page with the interface language English from the first paint (the locale the app keeps in localStorage). */
export async function english(user: { context: BrowserContext; page: Page }): Promise<Page> {
	await user.context.addInitScript(() => localStorage.setItem('phoihop.locale', 'en'));
	return user.page;
}
