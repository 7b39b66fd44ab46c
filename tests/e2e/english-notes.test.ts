/**
 * With the English interface chosen, what the server notes for a person reads in English: a warning
 * of an import preview (and where its row is in the file), and a reminder in an agency's inbox. The
 * server sends them as codes; the pages word them from the catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendDeadline } from '../../src/lib/core/board-review.js';
import { todayIso } from '../../src/lib/core/dates.js';
import { docxBytes, para, planHeading, row, table, TASK_HEADER } from '../unit/import-docx/docx-builder.js';
import { agencyIdByName, apiGet, dropFile, english, signIn, startApp, type BoardInfo, type E2EApp } from './helpers/app.js';

let app: E2EApp;

beforeAll(async () => {
	app = await startApp();
});

afterAll(async () => {
	await app?.close();
});

describe('the English interface words the server notes in English', () => {
	it('an import preview warning, and where its row is', async () => {
		const user = await signIn(app, 'admin');
		const page = await english(user);
		try {
			await page.goto('/import');
			const plan = await docxBytes([
				...planHeading('Thí điểm cảnh báo bằng tiếng Anh'),
				para('Phụ lục I'),
				para('DANH MỤC NHIỆM VỤ'),
				table([
					row(TASK_HEADER, { header: true }),
					row(['I', { text: 'Chỉ đạo', span: 4 }]),
					row(['1', 'Ban hành quy chế phối hợp', 'Sở Tài chính', '', 'Quý II/2026']),
					row(['2', 'Tổ chức hội nghị sơ kết', 'Sở Tài chính', '', 'Sau Tết'])
				])
			]);
			await dropFile(page, plan, 'canh-bao.docx');
			const rows = page.getByTestId('preview-task');
			await rows.first().waitFor({ timeout: 20_000 });
			const warned = rows.nth(1).locator('td.warnings');
			await expect.poll(() => warned.textContent(), { timeout: 10_000 }).toContain('The deadline “Sau Tết” of task I.2 was not understood; check it');
			expect(await warned.locator('.where').textContent()).toMatch(/^Table 1, row \d+$/);
			expect(await warned.textContent()).not.toMatch(/Không hiểu|Bảng \d|hàng \d/);
		} finally {
			await user.context.close();
		}
	});

	it('a reminder in the inbox', async () => {
		const admin = await signIn(app, 'admin');
		const snn = await agencyIdByName(admin.page, 'Sở Nông nghiệp và Môi trường');
		// A board with an open task the agency leads.
		let board: BoardInfo | null = null;
		for (const b of await apiGet<{ id: string }[]>(admin.page, '/api/boards')) {
			const info = await apiGet<BoardInfo>(admin.page, `/api/boards/${b.id}`);
			if (info.cards.some((c) => c.status !== 'done' && c.lead.includes(snn))) {
				board = info;
				break;
			}
		}
		if (!board) throw new Error('no open task led by Sở Nông nghiệp và Môi trường');
		const card = board.cards.find((c) => c.status !== 'done' && c.lead.includes(snn))!;
		const boardId = board.id;
		// The task is overdue: its deadline moved to three days ago.
		const past = new Date(`${todayIso()}T00:00:00Z`);
		past.setUTCDate(past.getUTCDate() - 3);
		await app.server.sync.change(boardId, null, card.id, 'deadline', (room) =>
			extendDeadline(room.doc, card.id, past.toISOString().slice(0, 10), { userId: 'test' })
		);
		const sent = await admin.page.request.post(`/api/boards/${boardId}/reminders`, { data: { agencyIds: [snn], confirm: true } });
		expect(sent.status()).toBe(201);
		await admin.context.close();

		const user = await signIn(app, 'snnmt');
		const page = await english(user);
		try {
			await page.goto('/inbox');
			const message = page.getByTestId('inbox-message').filter({ hasText: 'overdue' }).first();
			await message.waitFor({ timeout: 10_000 });
			expect(await message.locator('h2').textContent()).toMatch(/^Reminder: \d+ overdue tasks? to complete$/);
			const body = (await message.locator('.body').textContent()) ?? '';
			expect(body).toMatch(/^To: Sở Nông nghiệp và Môi trường\.\nAs of \d{2}\/\d{2}\/\d{4}, according to "/);
			expect(body).toContain(`- ${card.code}. `);
			expect(body).not.toMatch(/Kính gửi|Tính đến ngày|Thường trực Ban Chỉ đạo/);
		} finally {
			await user.context.close();
		}
	});
});
