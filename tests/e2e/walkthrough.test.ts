/**
 * The smaller defects found by walking through every page as each role (issue 18), each shown
 * fixed: English plurals and no empty lanes under a filter, the drawer header on one line, long
 * comments collapsed, a closed review that no longer claims to be live, the minutes' spaces, the
 * import's edited title and the warning on a plan imported twice, toasts on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment } from '../../src/lib/core/board-doc.js';
import type { ReviewSession } from '../../src/lib/review/review-types.js';
import { docxBytes, para, planHeading, row, table, TASK_HEADER } from '../unit/import-docx/docx-builder.js';
import { agencyIdByName, apiGet, dropFile, firstBoard, openBoard, screenshot, signIn, startApp, type BoardInfo, type E2EApp } from './helpers/app.js';

let app: E2EApp;
let board: BoardInfo;

beforeAll(async () => {
	app = await startApp();
	const { page, context } = await signIn(app, 'admin');
	board = await firstBoard(page);
	await context.close();
});

afterAll(async () => {
	await app?.close();
});

describe('the board', () => {
	it('in English a column of one says "1 task", and a filter leaves no empty swimlane', async () => {
		const { page, context } = await signIn(app, 'stc');
		try {
			await page.addInitScript(() => localStorage.setItem('phoihop.locale', 'en'));
			await openBoard(page, board.id);
			const lanesBefore = await page.locator('.lane').count();
			const card = board.cards[0];
			await page.locator('#board-search').fill(card.title);
			await expect.poll(() => page.getByTestId('card').count()).toBe(1);
			expect(await page.getByTestId(`column-${card.status}`).textContent()).toContain('1 task');
			expect(await page.getByTestId(`column-${card.status}`).textContent()).not.toContain('1 tasks');
			expect(await page.locator('.lane').count()).toBe(1);
			expect(lanesBefore).toBeGreaterThan(1);
		} finally {
			await context.close();
		}
	});

	it('the drawer header stays on one line with someone else on the card, and a long comment is collapsed', async () => {
		const card = board.cards[2];
		const people = await (async () => {
			const { page, context } = await signIn(app, 'admin');
			const list = await apiGet<{ id: string; username?: string; agencyId: string | null }[]>(page, '/api/admin/users');
			await context.close();
			return list;
		})();
		const snnmt = people.find((p) => p.username === 'snnmt')!;
		const long = Array.from(
			{ length: 12 },
			(_, i) => `Dòng ${i + 1}: Sở Nông nghiệp và Môi trường đề nghị bổ sung số liệu về hợp tác xã nông nghiệp.`
		).join('\n');
		await app.server.sync.change(board.id, snnmt.id, card.id, 'comment', (room) =>
			addComment(room.doc, card.id, { body: long }, { userId: snnmt.id, agencyId: snnmt.agencyId })
		);
		const other = await signIn(app, 'snnmt');
		const { page, context } = await signIn(app, 'stc');
		try {
			await openBoard(other.page, board.id, `?card=${card.id}`);
			await openBoard(page, board.id, `?card=${card.id}`);
			const drawer = page.getByTestId('card-drawer');
			await drawer.locator('.viewers').waitFor({ timeout: 10_000 });
			const tops = await drawer
				.locator('.head-top > *')
				.evaluateAll((els) =>
					els
						.filter((e) => (e as HTMLElement).offsetParent)
						.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))
				);
			expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
			const close = drawer.getByRole('button', { name: 'Đóng' });
			expect((await close.boundingBox())!.height).toBeLessThan(48);

			const body = drawer.getByTestId('comment-body').filter({ hasText: 'Dòng 1:' });
			const collapsed = (await body.boundingBox())!.height;
			await drawer.getByRole('button', { name: 'Xem thêm' }).click();
			const open = (await body.boundingBox())!.height;
			expect(open).toBeGreaterThan(collapsed * 1.8);
			await screenshot(page, 'drawer-long-comment-1366x768');
		} finally {
			await context.close();
			await other.context.close();
		}
	});

	it('on a phone a toast sits under the header, clear of the drawer’s buttons', async () => {
		const { page, context } = await signIn(app, 'stc', { width: 390, height: 844 });
		try {
			await context.grantPermissions(['clipboard-read', 'clipboard-write']);
			await openBoard(page, board.id, `?card=${board.cards[0].id}`);
			await page.getByTestId('card-drawer').getByRole('button', { name: 'Sao chép liên kết' }).click();
			const toast = page.locator('.toast').first();
			await toast.waitFor();
			const box = (await toast.boundingBox())!;
			const field = (await page.getByTestId('card-drawer').getByLabel('Trạng thái').boundingBox())!;
			expect(box.y + box.height).toBeLessThanOrEqual(field.y);
			expect(box.x + box.width).toBeLessThanOrEqual(390);
			await screenshot(page, 'toast-390x844');
		} finally {
			await context.close();
		}
	});
});

describe("a leader's home page", () => {
	it('shows every board in the four categories, overdue by lead agency, and the latest review first', async () => {
		const { page, context } = await signIn(app, 'lanhdao');
		try {
			const boards = await apiGet<{ id: string }[]>(page, '/api/boards');
			await page.goto('/');
			const cards = page.getByTestId('leader-board');
			await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(boards.length);
			const first = await apiGet<BoardInfo>(page, `/api/boards/${boards[0].id}`);
			const counts = await cards.first().locator('.cat-count').allTextContents();
			expect(counts).toHaveLength(4);
			expect(counts.reduce((sum, n) => sum + Number(n), 0)).toBe(first.cards.length);
			expect(await cards.first().getByRole('heading', { name: 'Việc quá hạn theo cơ quan chủ trì' }).count()).toBe(1);
			expect(await cards.first().textContent()).toContain('Phiên rà soát gần nhất');
			// The overview comes before the list of plans.
			const order = await page.locator('main h1').allTextContents();
			expect(order[0]).toBe('Bức tranh chung của Ban Chỉ đạo');
		} finally {
			await context.close();
		}
	});
});

describe('a board that does not exist', () => {
	it('is reported as not found from the API when the socket dies without saying why', async () => {
		const { page, context } = await signIn(app, 'stc', { width: 390, height: 844 });
		try {
			// A proxy that drops the upgrade: the server's 4404 never reaches the browser.
			await context.routeWebSocket(/\/sync\//, (ws) => void ws.close({ code: 1006, reason: 'dropped' }));
			await page.goto('/boards/da-bi-xoa');
			await page.getByTestId('board-not-found').waitFor({ timeout: 10_000 });
			await screenshot(page, 'board-not-found-api-390x844');
		} finally {
			await context.close();
		}
	});
});

describe('a closed review', () => {
	it('no longer says "following" or "Trực tiếp", and its minutes keep their spaces', async () => {
		const { page, context } = await signIn(app, 'thuky');
		try {
			const opened = await page.request.post(`/api/boards/${board.id}/reviews`, { data: { year: 2026, quarter: 3 } });
			const session = (await opened.json()) as ReviewSession;
			await page.goto(`/boards/${board.id}/review/${session.id}`);
			await page.getByTestId('review-card').waitFor({ timeout: 15_000 });
			await page.getByTestId('session-live').waitFor();
			const stc = await agencyIdByName(page, 'Sở Tài chính');
			const item = session.items[0];
			const recorded = await page.request.post(`/api/reviews/${session.id}/items/${item.id}`, {
				data: {
					conclusion: 'Tiếp tục thực hiện.',
					decision: null,
					followUp: 'Tổng hợp ý kiến các sở',
					followUpAgencyId: stc,
					followUpDue: '2026-10-15'
				}
			});
			expect(recorded.ok()).toBe(true);
			page.once('dialog', (d) => void d.accept());
			await page.getByTestId('close-session').click();
			await page.getByText(/Phiên đã kết thúc lúc/).waitFor({ timeout: 10_000 });
			await page.reload();
			await page.getByTestId('review-card').waitFor({ timeout: 15_000 });
			const header = await page.locator('header.top').textContent();
			expect(header).not.toMatch(/theo dõi|Trực tiếp/);
			expect(await page.getByTestId('session-live').count()).toBe(0);

			await page.goto(`/boards/${board.id}/review/${session.id}/minutes`);
			await page.getByTestId('minutes').waitFor();
			const attendee = await page.getByTestId('attendee').first().textContent();
			expect(attendee).toMatch(/\S \(Sở Tài chính\)$/);
			expect(await page.getByTestId('minutes').locator('table').textContent()).toContain('Sở Tài chính: Tổng hợp ý kiến các sở');
			expect(await page.getByTestId('follow-up').first().textContent()).toContain(': Sở Tài chính: Tổng hợp ý kiến các sở — 15/10/2026');
			await screenshot(page, 'minutes-1366x768');
		} finally {
			await context.close();
		}
	}, 90_000);
});

describe('the import page', () => {
	const planFile = () =>
		docxBytes([
			...planHeading('Kế hoạch thử nhập hai lần'),
			para('Phụ lục I'),
			table([
				row(TASK_HEADER, { header: true }),
				row(['I', { text: 'Chỉ đạo', span: 4 }]),
				row(['1', 'Ban hành quy chế', 'Sở Tài chính', 'Sở Nội vụ', 'Quý II/2026'])
			])
		]);

	async function drop(page: import('playwright-core').Page, bytes: Uint8Array) {
		await dropFile(page, bytes, 'ke-hoach.docx');
		await page.getByTestId('preview-task').first().waitFor({ timeout: 20_000 });
	}

	it('keeps an edited title without "Lưu tên", and warns when the same plan is imported again', async () => {
		const { page, context } = await signIn(app, 'admin');
		try {
			const bytes = await planFile();
			await page.goto('/import');
			await drop(page, bytes);
			expect(await page.getByTestId('existing-plan').count()).toBe(0);
			await page.locator('#plan-title').fill('Kế hoạch thử (tên đã sửa)');
			await page.getByRole('button', { name: 'Tạo bảng' }).click();
			const created = page.getByRole('status').filter({ hasText: 'Đã tạo' });
			await created.waitFor({ timeout: 10_000 });
			expect(await created.textContent()).toContain('Kế hoạch thử (tên đã sửa)');

			await page.goto('/import');
			await drop(page, bytes);
			const warning = page.getByTestId('existing-plan');
			await warning.waitFor({ timeout: 5000 });
			expect(await warning.textContent()).toContain('Kế hoạch này đã được nhập.');
			expect(await warning.getByRole('link').count()).toBeGreaterThan(0);
			expect(await page.getByRole('button', { name: 'Vẫn tạo bảng mới' }).count()).toBe(1);
			await screenshot(page, 'import-again-1366x768');

			// The preview, with its warning, on a phone: nothing scrolls sideways.
			await page.setViewportSize({ width: 390, height: 844 });
			await page.waitForTimeout(200);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			await screenshot(page, 'import-again-390x844');
		} finally {
			await context.close();
		}
	}, 90_000);
});
