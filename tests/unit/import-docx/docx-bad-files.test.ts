import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../../../server/import/import-refusal.js';
import { parsePlanBytes, refuseIfNoTasks } from '../../../server/import/parse-source.js';
import { readSourceBytes } from '../../../server/import/read-source.js';
import { compoundFile } from './cfb.js';
import { docxBytes, para, planHeading, row, table, TASK_HEADER } from './docx-builder.js';

const refusalOf = async (bytes: Uint8Array, name = 'ke-hoach.docx') => {
	const error = await parsePlanBytes(bytes, name)
		.then(
			(read) => refuseIfNoTasks(read),
			(e: unknown) => e
		)
		.catch((e: unknown) => e);
	if (!(error instanceof ImportRefusal)) throw new Error(`expected a refusal, got ${String(error)}`);
	return { reason: error.reason, message: error.message };
};

/** A one-task plan, to be damaged in various ways. */
const goodDocx = () =>
	docxBytes([
		...planHeading(),
		para('Phụ lục I'),
		table([row(TASK_HEADER, { header: true }), row(['1', 'Việc một', 'Sở Tài chính', '', 'Năm 2026'])])
	]);

/** Rewrites one part's sizes in the zip's central directory and local header (a crafted archive). */
function withDeclaredSize(zip: Uint8Array, part: string, size: number): Uint8Array {
	const out = zip.slice();
	const view = new DataView(out.buffer);
	const name = strToU8(part);
	for (let i = 0; i < out.length - 4; i++) {
		const sig = view.getUint32(i, true);
		const nameAt = sig === 0x02014b50 ? i + 46 : sig === 0x04034b50 ? i + 30 : -1;
		if (nameAt < 0 || !name.every((b, k) => out[nameAt + k] === b)) continue;
		view.setUint32(sig === 0x02014b50 ? i + 24 : i + 22, size, true);
	}
	return out;
}

describe('files that are refused, with a clear Vietnamese message', () => {
	it('a password-protected Word file', async () => {
		const refusal = await refusalOf(compoundFile(['EncryptionInfo', 'EncryptedPackage']));
		expect(refusal).toEqual({ reason: 'encrypted', message: expect.stringMatching(/^Tệp được đặt mật khẩu; hãy gỡ mật khẩu/) });
	});

	it('an old Word 97–2003 file (.doc) on a server without LibreOffice', async () => {
		const before = process.env.SOFFICE_PATH;
		process.env.SOFFICE_PATH = 'off';
		try {
			expect(await refusalOf(compoundFile(['WordDocument', '1Table']), 'ke-hoach.doc')).toMatchObject({
				reason: 'unsupported',
				message: expect.stringMatching(/chưa được hỗ trợ; hãy mở và lưu lại thành \.docx/)
			});
		} finally {
			if (before === undefined) delete process.env.SOFFICE_PATH;
			else process.env.SOFFICE_PATH = before;
		}
	});

	it('an old Excel 97–2003 file (.xls)', async () => {
		expect(await refusalOf(compoundFile(['Workbook']), 'bang.xls')).toMatchObject({
			reason: 'unsupported',
			message: expect.stringMatching(/chưa được hỗ trợ; hãy mở và lưu lại thành \.docx hoặc \.xlsx/)
		});
	});

	it('a PDF cut short after its header', async () => {
		expect(await refusalOf(strToU8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'ke-hoach.pdf')).toMatchObject({
			reason: 'corrupt',
			message: expect.stringMatching(/^Tệp PDF bị hỏng/)
		});
	});

	it('a Word file cut short (a broken download)', async () => {
		const bytes = await goodDocx();
		expect(await refusalOf(bytes.slice(0, Math.floor(bytes.length / 2)))).toMatchObject({
			reason: 'corrupt',
			message: expect.stringMatching(/^Tệp Word bị hỏng, không đọc được/)
		});
	});

	it('a Word file whose document part is not well-formed XML', async () => {
		const parts = unzipSync(await goodDocx());
		parts['word/document.xml'] = strToU8('<w:document xmlns:w="x"><w:body><w:p>');
		expect(await refusalOf(zipSync(parts))).toMatchObject({ reason: 'corrupt' });
	});

	it('a zip that is neither a Word nor an Excel document', async () => {
		expect(await refusalOf(zipSync({ 'anh.png': new Uint8Array(10) }), 'ke-hoach.zip')).toMatchObject({
			reason: 'unsupported',
			message: expect.stringMatching(/không phải tài liệu Word \(\.docx\) hay Excel/)
		});
	});

	it('a zip bomb: a document part that inflates a thousandfold', async () => {
		const parts = unzipSync(await goodDocx());
		parts['word/document.xml'] = new Uint8Array(40 * 1024 * 1024).fill(0x20);
		expect(await refusalOf(zipSync(parts, { level: 9 }))).toMatchObject({
			reason: 'zip_bomb',
			message: expect.stringMatching(/^Tệp nén bất thường/)
		});
	});

	it('a crafted zip declaring a 4 GB document part', async () => {
		expect(await refusalOf(withDeclaredSize(await goodDocx(), 'word/document.xml', 0xfffffff0))).toMatchObject({ reason: 'zip_bomb' });
	});

	it('a crafted zip declaring a tiny document part that inflates far beyond it', async () => {
		const parts = unzipSync(await goodDocx());
		parts['word/document.xml'] = new Uint8Array(2 * 1024 * 1024).map((_, i) => 32 + ((i * 7919) % 90));
		expect(await refusalOf(withDeclaredSize(zipSync(parts), 'word/document.xml', 100))).toMatchObject({ reason: 'zip_bomb' });
	});

	it('a 200 MB file, before anything is read from it', async () => {
		const started = Date.now();
		const error = await readSourceBytes(new Uint8Array(200 * 1024 * 1024), 'lon.docx').catch((e: unknown) => e);
		expect(error).toMatchObject({ reason: 'too_large', message: expect.stringMatching(/^Tệp quá lớn: tối đa 64 MB/) });
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('a Word document that is not a plan (no task table, no duties)', async () => {
		const bytes = await docxBytes([para('GIẤY MỜI'), para('Kính mời đồng chí dự họp lúc 8 giờ ngày 10/4/2026 tại hội trường.')]);
		expect(await refusalOf(bytes)).toMatchObject({ reason: 'not_a_plan', message: expect.stringMatching(/^Tệp không giống một kế hoạch/) });
	});

	it('a plan whose table has no recognisable header', async () => {
		const bytes = await docxBytes([
			...planHeading(),
			table([
				row(['Số', 'Việc', 'Người làm', 'Khi nào']),
				row(['1', 'Việc một', 'Sở Tài chính', 'Năm 2026']),
				row(['2', 'Việc hai', 'Sở Nội vụ', 'Năm 2026'])
			])
		]);
		expect(await refusalOf(bytes)).toMatchObject({ reason: 'no_header', message: expect.stringMatching(/^Không nhận ra hàng tiêu đề của bảng/) });
	});

	it('an empty Word document', async () => {
		const error = await parsePlanBytes(await docxBytes([para('')]), 'rong.docx').catch((e: unknown) => e);
		expect(error).toMatchObject({ code: 'empty', message: expect.stringMatching(/^Tệp không có nội dung/) });
	});
});
