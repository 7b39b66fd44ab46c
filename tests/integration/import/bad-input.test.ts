import http from 'node:http';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../helpers/server.js';
import { compoundFile } from '../../unit/import-docx/cfb.js';
import { docxBytes, para, planHeading, row, table } from '../../unit/import-docx/docx-builder.js';
import { workbookBytes } from '../../unit/import-xlsx/workbook-builder.js';
import { rowCounts, upload } from './upload.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
});
afterAll(async () => server?.stop());

async function refusal(bytes: Uint8Array, name: string) {
	const res = await upload(server.url, admin, '/api/import/upload', bytes, name);
	return { status: res.status, ...((await res.json()) as { error: { code: string; message: string } }).error };
}

const letter = () => docxBytes([para('GIẤY MỜI'), para('Kính mời đồng chí dự họp lúc 8 giờ ngày 10/4/2026.')]);

describe('bad input is refused with a clear Vietnamese message, and nothing is written', () => {
	it.each([
		['not a plan (a letter in Word)', letter, 'giay-moi.docx', 422, 'not_a_plan', /^Tệp không giống một kế hoạch/],
		[
			'a password-protected Word file',
			async () => compoundFile(['EncryptionInfo', 'EncryptedPackage']),
			'mat-khau.docx',
			422,
			'encrypted',
			/^Tệp được đặt mật khẩu/
		],
		['a corrupt Word file', async () => (await letter()).slice(0, 300), 'hong.docx', 422, 'corrupt', /^Tệp Word bị hỏng/],
		[
			'a zip bomb',
			async () => zipSync({ ...unzipSync(await letter()), 'word/document.xml': new Uint8Array(40 * 1024 * 1024).fill(0x20) }, { level: 9 }),
			'bom.docx',
			422,
			'zip_bomb',
			/^Tệp nén bất thường/
		],
		[
			'a table with no recognisable header',
			() =>
				docxBytes([
					...planHeading(),
					table([row(['Số', 'Việc', 'Người làm']), row(['1', 'Việc một', 'Sở Tài chính']), row(['2', 'Việc hai', 'Sở Nội vụ'])])
				]),
			'khong-tieu-de.docx',
			422,
			'no_header',
			/^Không nhận ra hàng tiêu đề/
		],
		[
			'a spreadsheet with no recognisable header',
			() =>
				workbookBytes([
					{
						rows: [
							['A', 'B'],
							[1, 2]
						]
					}
				]),
			'bang.xlsx',
			422,
			'no_header',
			/^Không nhận ra hàng tiêu đề/
		],
		['a PDF cut short', async () => strToU8('%PDF-1.7\n1 0 obj'), 'ke-hoach.pdf', 422, 'corrupt', /^Tệp PDF bị hỏng/],
		[
			'an image',
			async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
			'anh.png',
			415,
			'binary',
			/^Tệp không phải văn bản, Word/
		]
	])('%s', async (_what, make, name, status, code, message) => {
		const before = await rowCounts(server);
		expect(await refusal(await make(), name)).toMatchObject({ status, code, message: expect.stringMatching(message) });
		expect(await rowCounts(server)).toEqual(before);
	});

	it('a 200 MB file is refused from its declared length, before it is sent', async () => {
		const { port } = new URL(server.url);
		const started = Date.now();
		const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = http.request({
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: '/api/import/upload?name=lon.docx',
				headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream', 'content-length': String(200 * 1024 * 1024) }
			});
			req.on('response', (res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			});
			req.on('error', reject);
			req.write(Buffer.alloc(64 * 1024));
		});
		expect(result.status).toBe(413);
		expect(JSON.parse(result.body)).toEqual({ error: { code: 'too_large', params: { limitMb: 64 }, message: 'Tệp quá lớn: tối đa 64 MB' } });
		expect(Date.now() - started).toBeLessThan(2000);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
	});

	it('an empty upload is refused', async () => {
		expect(await refusal(new Uint8Array(0), 'rong.docx')).toMatchObject({ status: 400, code: 'empty_file' });
	});
});
