/**
 * PDFs that are not a plan with a text layer: a scan, a damaged file, a password, a file that
 * claims too many pages, a huge table. Each is refused with one clear message, or read within
 * its limits; none takes the reader down.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ImportRefusal } from '../../../server/import/import-refusal.js';
import { parsePlanBytes, refuseIfNoTasks } from '../../../server/import/parse-source.js';
import { readPdf } from '../../../server/import/pdf/read-pdf.js';
import { MAX_PDF_PAGES } from '../../../server/import/limits.js';
import { closePrinter, hasChromium, printPdf } from './pdf-printer.js';
import { handPdf, textPdf } from './pdf-bytes.js';

async function failure(bytes: Uint8Array) {
	try {
		await parsePlanBytes(bytes, 'ke-hoach.pdf');
	} catch (e) {
		return { reason: e instanceof ImportRefusal ? e.reason : null, message: (e as Error).message };
	}
	return null;
}

describe('damaged and unusual PDFs', () => {
	it('a PDF cut right after its header is refused as damaged', async () => {
		expect(await failure(new TextEncoder().encode('%PDF-1.7\n1 0 obj'))).toEqual({
			reason: 'corrupt',
			message: expect.stringMatching(/^Tệp PDF bị hỏng, không đọc được/)
		});
	});

	it('garbage after a PDF header is refused as damaged', async () => {
		const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
		bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
		expect(await failure(bytes)).toMatchObject({ reason: 'corrupt' });
	});

	it('a password-protected PDF is refused as such', async () => {
		const hex32 = '<' + '00'.repeat(32) + '>';
		const encrypted = handPdf(
			[
				'<< /Type /Catalog /Pages 2 0 R >>',
				'<< /Type /Pages /Kids [] /Count 0 >>',
				`<< /Filter /Standard /V 1 /R 2 /O ${hex32} /U ${hex32} /P -44 >>`
			],
			'/Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] '
		);
		expect(await failure(encrypted)).toMatchObject({ reason: 'encrypted', message: expect.stringMatching(/^Tệp được đặt mật khẩu/) });
	});

	it(`a PDF that declares more than ${MAX_PDF_PAGES} pages is refused before any page is read`, async () => {
		expect(await failure(textPdf(['Ke hoach'], MAX_PDF_PAGES + 1))).toMatchObject({
			reason: 'too_large',
			message: expect.stringMatching(/quá nhiều trang/)
		});
	});

	it('a PDF with text but no plan in it is read, and the upload refuses it as not a plan', async () => {
		const read = await parsePlanBytes(textPdf(['Thu moi hop', 'Kinh gui cac so, nganh']), 'thu-moi.pdf');
		expect(read.source.kind).toBe('pdf');
		expect(read.source.text).toContain('Thu moi hop');
		expect(() => refuseIfNoTasks(read)).toThrow(/không giống một kế hoạch/);
	});

	it('a PDF with neither text nor images says it has no text', async () => {
		expect(await failure(textPdf([]))).toMatchObject({ reason: null, message: expect.stringMatching(/không có chữ/) });
	});
});

describe.skipIf(!hasChromium)('PDFs printed by Chromium', () => {
	if (!hasChromium) console.warn('Scanned-PDF test skipped: /usr/bin/chromium is missing');
	afterAll(closePrinter);

	it('a scan (the page is one image, no text layer) is refused with a message that says what to send', async () => {
		// A canvas prints as an image: the words are pixels, as in a scanner's PDF.
		const html = `<canvas id="c" width="1100" height="700"></canvas><script>
			const g = document.getElementById('c').getContext('2d');
			g.fillStyle = '#fff'; g.fillRect(0, 0, 1100, 700); g.fillStyle = '#000'; g.font = '28px serif';
			['KẾ HOẠCH', 'Phụ lục I', 'STT  Nhiệm vụ  Cơ quan chủ trì  Thời gian hoàn thành', '1  Tuyên truyền  Sở Tài chính  Quý I/2026'].forEach((t, i) => g.fillText(t, 40, 60 + i * 50));
		</script>`;
		const failureOf = await failure(await printPdf(html));
		expect(failureOf).toEqual({
			reason: 'scanned',
			message: expect.stringMatching(/^Tệp PDF chỉ có hình ảnh \(bản quét\), không có chữ để đọc; hãy gửi bản Word \(\.docx\)/)
		});
	}, 60_000);

	it('a table printed without borders is not rebuilt, and a warning on its page says so', async () => {
		const html = `<style>td,th{padding:4pt 14pt;text-align:left}</style><p>Phụ lục I</p><table><tr><th>STT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Thời gian hoàn thành</th></tr><tr><td>1</td><td>Tuyên truyền</td><td>Sở Tài chính</td><td>Năm 2026</td></tr></table>`;
		const { parsed, source } = await parsePlanBytes(await printPdf(html), 'khong-ke.pdf');
		const note = parsed.warnings.find((w) => /bảng không kẻ đường viền/.test(w.message));
		expect(note?.message).toMatch(/^Trang 1: bảng không kẻ đường viền \(«STT \| Nhiệm vụ \| Cơ quan chủ trì \| Thời gian hoàn thành»\)/);
		expect(source.text).toContain('Tuyên truyền');
	}, 60_000);

	it('a table of 400 tasks over many pages is read whole, in seconds', async () => {
		const rows = Array.from(
			{ length: 400 },
			(_, i) =>
				`<tr><td>${i + 1}</td><td>Nhiệm vụ số ${i + 1} về phát triển hợp tác xã</td><td>Sở Tài chính</td><td>Quý ${['I', 'II', 'III', 'IV'][i % 4]}/2026</td></tr>`
		).join('');
		const html = `<style>td,th{border:1px solid #000;padding:3pt}table{border-collapse:collapse;width:100%}</style><p>Phụ lục I</p><table><thead><tr><th>STT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Thời gian hoàn thành</th></tr></thead><tbody>${rows}</tbody></table>`;
		const pdf = await printPdf(html);
		const started = performance.now();
		const source = await readPdf(pdf);
		const elapsed = performance.now() - started;
		const { parsed } = await parsePlanBytes(pdf, 'lon.pdf', { fallbackYear: 2026 });
		const tasks = parsed.appendices.flatMap((a) => (a.kind === 'tasks' ? a.sections.flatMap((s) => s.tasks) : []));
		expect(tasks.map((t) => t.stt)).toEqual(Array.from({ length: 400 }, (_, i) => String(i + 1)));
		expect(tasks[399]).toMatchObject({ title: 'Nhiệm vụ số 400 về phát triển hợp tác xã', lead: ['Sở Tài chính'], deadline: { raw: 'Quý IV/2026' } });
		expect(source.text.split('\n').filter((l) => l.startsWith('STT\t'))).toHaveLength(1);
		expect(elapsed).toBeLessThan(10_000);
	}, 120_000);
});
