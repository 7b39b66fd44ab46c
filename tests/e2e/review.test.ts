/**
 * A facilitator (thuky) runs a two-card quarterly review on the meeting-room screen while a leader
 * (lanhdao), in a second browser, follows the current card live; closing the session produces the
 * minutes and a frozen snapshot. Screenshots of the presenter view and the dashboard are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, firstBoard, screenshot, signIn, startApp, type BoardInfo, type E2EApp, type UserPage } from './helpers/app.js';
import type { ReviewSession } from '../../src/lib/review/review-types.js';
import { setProgress, setResult, setStatus } from '../../src/lib/core/board-doc.js';

const PROJECTOR = { width: 1920, height: 1080 };

let app: E2EApp;
let thuky: UserPage;
let lanhdao: UserPage;
let board: BoardInfo;

beforeAll(async () => {
	app = await startApp();
	thuky = await signIn(app, 'thuky', PROJECTOR);
	lanhdao = await signIn(app, 'lanhdao', PROJECTOR);
	board = await firstBoard(thuky.page);
	// An agency has reported on the first task due in Quý II, as it would before the meeting.
	const reported = board.cards.find((c) => c.code === 'I.5')!;
	const actor = { userId: 'stc' };
	await app.server.sync.change(board.id, null, reported.id, 'result', (room) => {
		setStatus(room.doc, reported.id, 'doing', actor);
		setProgress(room.doc, reported.id, 60, actor);
		setResult(room.doc, reported.id, 'Đã trình dự thảo Kế hoạch lần 2; đang tổng hợp ý kiến góp ý của 12 sở, ngành và UBND các phường, xã.', actor);
	});
});

afterAll(async () => {
	await app?.close();
});

const codeOf = (u: UserPage) => u.page.getByTestId('review-card-code').first().textContent();

describe('a quarterly review with a follower', () => {
	it('the facilitator runs two cards; the follower sees the current card change live; closing writes the minutes', async () => {
		const t = thuky.page;
		const l = lanhdao.page;

		// The facilitator opens the review for Quý II/2026 from the board's review page.
		await t.goto(`/boards/${board.id}/review`);
		await t.getByTestId('review-quarter').selectOption('2');
		await t.getByTestId('review-year').fill('2026');
		await t.getByTestId('open-review').click();
		await t.waitForURL(/\/review\/[a-z0-9]+$/);
		const sessionId = t.url().split('/').pop()!;
		await t.getByTestId('review-card').waitFor();
		const session = await apiGet<ReviewSession>(t, `/api/reviews/${sessionId}`);
		const [first, second] = session.items;
		expect(await codeOf(thuky)).toBe(first.code);

		// The leader joins from another browser and sees the same card.
		await l.goto(`/boards/${board.id}/review/${sessionId}?present=1`);
		await l.getByTestId('presenter').waitFor();
		await expect.poll(() => codeOf(lanhdao), { timeout: 10_000 }).toBe(first.code);

		// Card 1: start the meeting and record the conclusion.
		await t.getByTestId('start').click();
		await t.getByTestId('record-conclusion').fill('Đã triển khai đúng kế hoạch; đề nghị tổng kết trong quý III.');
		await t.getByTestId('record-decision').selectOption('doing');
		await t.getByTestId('record-save').click();
		await t.getByTestId('review-conclusion').waitFor();
		// The follower's screen picks up the recorded conclusion.
		await expect
			.poll(async () => (await l.getByTestId('review-conclusion').count()) > 0 && (await l.getByTestId('review-conclusion').textContent()), {
				timeout: 10_000
			})
			.toContain('đề nghị tổng kết trong quý III');

		await screenshot(t, 'review-session');

		// The facilitator goes to the projector view and moves on; the follower follows.
		await t.getByTestId('present').click();
		await t.getByTestId('presenter').waitFor();
		// The item's timer runs from the moment the meeting started on it.
		await expect.poll(() => t.getByTestId('item-timer').locator('b').textContent(), { timeout: 5_000 }).not.toBe('0:00');
		await screenshot(t, 'review-presenter-facilitator');
		await t.getByTestId('presenter-next').click();
		await expect.poll(() => codeOf(thuky), { timeout: 5_000 }).toBe(second.code);
		await expect.poll(() => codeOf(lanhdao), { timeout: 5_000 }).toBe(second.code);
		await screenshot(l, 'review-presenter-follower');

		// The follower has no controls: only the person in control moves the meeting.
		expect(await l.getByTestId('presenter-next').count()).toBe(0);

		// Card 2: record it, then close the session.
		await t.keyboard.press('Escape');
		await t.getByTestId('record-conclusion').fill('Hoàn thành; giao Sở Tài chính tổng hợp báo cáo.');
		await t.getByTestId('record-decision').selectOption('done');
		await t.getByTestId('record-save').click();
		await t.getByTestId('review-conclusion').waitFor();
		t.once('dialog', (d) => void d.accept());
		await t.getByTestId('close-session').click();
		await t.getByRole('link', { name: 'Xem biên bản' }).click();
		const minutes = t.getByTestId('minutes');
		await minutes.waitFor();
		const text = await minutes.textContent();
		expect(text).toContain('Đã triển khai đúng kế hoạch');
		expect(text).toContain('Hoàn thành; giao Sở Tài chính tổng hợp báo cáo.');
		expect(text).toContain('Lãnh đạo UBND thành phố');

		const closed = await apiGet<ReviewSession>(t, `/api/reviews/${sessionId}`);
		expect(closed.status).toBe('closed');
		expect(closed.items.slice(0, 2).map((i) => i.decision)).toEqual(['doing', 'done']);
		const snapshot = await apiGet<{ cards: { id: string; status: string }[] }>(t, `/api/snapshots/${closed.snapshotId}`);
		expect(snapshot.cards.find((c) => c.id === second.cardId)?.status).toBe('done');

		// The leader opens the frozen board and compares it with the board now.
		await l.goto(`/snapshots/${closed.snapshotId}`);
		await l.getByTestId('frozen-card').first().waitFor();
		await l.getByTestId('compare-select').selectOption('live');
		await l.getByTestId('snapshot-diff').waitFor();
		await screenshot(l, 'snapshot');
	});

	it('the dashboard shows the four categories, overall and per lead agency', async () => {
		const l = lanhdao.page;
		await l.goto(`/boards/${board.id}/dashboard`);
		await l.getByTestId('tile-openOverdue').waitFor();
		const total = board.cards.length;
		const counts = await Promise.all(
			['doneOnTime', 'doneLate', 'openNotDue', 'openOverdue'].map(async (c) =>
				Number((await l.getByTestId(`tile-${c}`).locator('.tile-count').textContent()) ?? 0)
			)
		);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
		await l.getByTestId('late-agency').first().waitFor();
		await screenshot(l, 'dashboard');
		await l.screenshot({ path: 'tests/e2e/screenshots/dashboard-full.png', fullPage: true });
	});

	it("a one-click reminder from the standing office lands in the late agency's inbox", async () => {
		const admin = await signIn(app, 'admin');
		await admin.page.goto(`/boards/${board.id}/dashboard`);
		const row = admin.page.getByTestId('late-agency').filter({ hasText: 'Sở Tài chính' });
		await row.getByRole('button', { name: 'Đôn đốc' }).click();
		await row.getByText(/Đã đôn đốc lúc/).waitFor();

		// thuky works at Sở Tài chính: the reminder is in that agency's inbox.
		await thuky.page.goto('/inbox');
		const message = thuky.page.getByTestId('inbox-message').first();
		await message.waitFor();
		expect(await message.textContent()).toMatch(/Đôn đốc thực hiện \d+ nhiệm vụ quá hạn/);
		await screenshot(thuky.page, 'inbox');
		await admin.context.close();
	});
});
