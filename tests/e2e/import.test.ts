/**
 * The import page in Chromium against a real server: a Word plan dropped on the page, its preview
 * (tasks, a new agency, a deadline not understood), fixes, then "Tạo bảng" and the new board.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBytes, para, planHeading, row, table, TASK_HEADER } from '../unit/import-docx/docx-builder.js';
import { agencyIdByName, apiGet, dropFile, firstBoard, screenshot, signIn, startApp, type E2EApp } from './helpers/app.js';

let app: E2EApp;

beforeAll(async () => {
	app = await startApp();
});

afterAll(async () => {
	await app?.close();
});

const plan = () =>
	docxBytes([
		...planHeading('Thí điểm nhập kế hoạch bằng trình duyệt'),
		para('Phụ lục I'),
		para('DANH MỤC NHIỆM VỤ'),
		table([
			row(TASK_HEADER, { header: true }),
			row(['I', { text: 'Chỉ đạo', span: 4 }]),
			row(['1', 'Ban hành quy chế phối hợp', 'Sở Tài chánh thành phố', 'Sở Nội vụ', 'Quý II/2026']),
			row(['2', 'Tổ chức hội nghị sơ kết', 'Sở Tài chính', 'Các sở, ngành, địa phương', 'Sau Tết']),
			row(['3', 'Dòng nhập nhầm', 'Sở Tài chính', '', 'Năm 2026'])
		])
	]);

describe('the import page', () => {
	it('a Word plan dropped on the page is previewed, fixed and made into a board', async () => {
		const { page, context } = await signIn(app, 'admin');
		try {
			await page.goto('/import');
			// Drag and drop, as a person does it.
			await dropFile(page, await plan(), 'thi-diem.docx');
			const rows = page.getByTestId('preview-task');
			await rows.first().waitFor({ timeout: 20_000 });
			expect(await rows.count()).toBe(3);
			await expect.poll(() => rows.nth(1).textContent()).toContain('Không hiểu thời hạn «Sau Tết»');
			const fresh = page.getByTestId('new-agency');
			expect(await fresh.first().textContent()).toContain('Sở Tài chánh thành phố');
			expect(await page.getByText(/1 cơ quan mới\. Chưa có gì/).count()).toBe(1);
			await screenshot(page, 'import-preview');

			// Merge the misspelt agency, fix the deadline, drop the wrong row.
			await fresh.first().getByRole('combobox').selectOption({ label: 'Sở Tài chính' });
			// Merged: no longer counted as a new agency, nor highlighted in the task rows.
			await expect.poll(() => page.getByText(/cơ quan mới\. Chưa có gì/).count()).toBe(0);
			expect(await rows.first().locator('.agency.new').count()).toBe(0);
			await rows.nth(1).getByRole('button', { name: 'Sửa' }).click();
			await page.getByLabel('Thời gian hoàn thành').fill('Quý III/2026');
			await page.getByRole('button', { name: 'Lưu', exact: true }).click();
			await expect.poll(() => rows.nth(1).textContent()).toContain('hạn 30/09/2026');
			await rows.nth(2).getByRole('button', { name: 'Bỏ dòng' }).click();
			await expect.poll(() => page.getByText(/Sẽ tạo 1 bảng với 2 nhiệm vụ/).count()).toBe(1);

			await page.getByRole('button', { name: 'Tạo bảng' }).click();
			const link = page.getByRole('status').getByRole('link');
			await link.waitFor({ timeout: 10_000 });
			await link.click();
			await page.getByTestId('card').first().waitFor({ timeout: 15_000 });
			expect(await page.getByTestId('card').count()).toBe(2);
		} finally {
			await context.close();
		}
	});

	it("an agency's filled-in export shows each change (old → new) and is applied on its behalf", async () => {
		const { page, context } = await signIn(app, 'admin');
		try {
			const board = await firstBoard(page);
			const liminh = await agencyIdByName(page, 'Liên minh Hợp tác xã thành phố');
			const card = board.cards.find((c) => c.lead.length === 1 && c.lead[0] === liminh && c.status === 'todo')!;
			const res = await page.request.get(`/api/boards/${board.id}/export.xlsx`);
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load((await res.body()) as never);
			const ws = wb.worksheets[0];
			let header: unknown[] = [];
			ws.eachRow((r) => {
				if (!header.length && (r.values as unknown[]).includes('Trạng thái')) header = r.values as unknown[];
				if (String(r.getCell(ws.columnCount).value) === `card:${card.id}`) {
					r.getCell(header.indexOf('Trạng thái')).value = 'Đang thực hiện';
					r.getCell(header.indexOf('Tiến độ (%)')).value = 40;
				}
			});
			await page.goto('/import');
			await page.getByRole('tab', { name: 'Tệp Excel đơn vị gửi lại' }).click();
			await page
				.locator('#panel-returned input[type=file]')
				.setInputFiles({ name: 'lien-minh.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
			const change = page.getByTestId('return-change');
			await change.first().waitFor({ timeout: 20_000 });
			expect(await change.first().textContent()).toMatch(/Trạng thái:\s*Chưa triển khai\s*→\s*Đang thực hiện/);
			expect(await change.first().textContent()).toMatch(/Tiến độ:\s*0%\s*→\s*40%/);
			await screenshot(page, 'import-returned-preview');
			await page.getByRole('button', { name: /Áp dụng 1 thay đổi thay mặt Liên minh Hợp tác xã thành phố/ }).click();
			await page.getByText('Đã áp dụng 1 nhiệm vụ').waitFor({ timeout: 10_000 });
			const after = await apiGet<{ cards: Array<{ id: string; status: string; progress: number }> }>(page, `/api/boards/${board.id}`);
			expect(after.cards.find((c) => c.id === card.id)).toMatchObject({ status: 'doing', progress: 40 });
		} finally {
			await context.close();
		}
	});

	it('a file that is not a plan is refused with a clear message', async () => {
		const { page, context } = await signIn(app, 'admin');
		try {
			await page.goto('/import');
			await page
				.locator('#panel-plan input[type=file]')
				.setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) });
			await expect
				.poll(() => page.getByRole('alert').first().textContent(), { timeout: 20_000 })
				.toMatch(/Tệp không phải văn bản, Word \(\.docx\) hay Excel/);
		} finally {
			await context.close();
		}
	});

	it('is closed to agency staff', async () => {
		const { page, context } = await signIn(app, 'stc');
		try {
			await page.goto('/import');
			await page.getByText('Trang này chỉ dành cho bộ phận thường trực').waitFor({ timeout: 10_000 });
		} finally {
			await context.close();
		}
	});
});
