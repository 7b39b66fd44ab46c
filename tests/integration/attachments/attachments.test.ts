import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectBoard, login, startTestServer, synced, waitFor, type TestServer } from '../helpers/server.js';
import { readBoard } from '../../../src/lib/core/board-doc.js';

let server: TestServer;
let token: string;
let boardId: string;
let cardId: string;

beforeAll(async () => {
	server = await startTestServer({ maxUploadBytes: 64 * 1024 });
	token = await login(server.url, 'stc');
	boardId = (await api<{ id: string }[]>(server.url, token, '/api/boards'))[0].id;
	cardId = (await api<{ cards: { id: string }[] }>(server.url, token, `/api/boards/${boardId}`)).cards[0].id;
});
afterAll(async () => server.stop());

function upload(name: string, bytes: Uint8Array, t = token, card = cardId) {
	const form = new FormData();
	form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
	return fetch(`${server.url}/api/boards/${boardId}/cards/${card}/attachments`, {
		method: 'POST',
		headers: { authorization: `Bearer ${t}` },
		body: form
	});
}

const pdf = new TextEncoder().encode('%PDF-1.4\nBáo cáo kết quả thực hiện\n%%EOF\n');

describe('attachments', () => {
	it('an uploaded file appears on the card for every client and downloads byte for byte', async () => {
		const watcher = connectBoard(server.wsUrl, boardId, token);
		await synced(watcher);
		const res = await upload('Báo cáo quý I.pdf', pdf);
		expect(res.status).toBe(201);
		const { attachment } = (await res.json()) as { attachment: { id: string; name: string } };
		expect(attachment.name).toBe('Báo cáo quý I.pdf');
		await waitFor(() =>
			readBoard(watcher.doc)
				.cards.find((c) => c.id === cardId)!
				.attachments.some((a) => a.id === attachment.id)
		);
		const dl = await fetch(`${server.url}/api/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${token}` } });
		expect(dl.status).toBe(200);
		expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
		expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(new Uint8Array(await dl.arrayBuffer())).toEqual(pdf);
		watcher.destroy();
	});

	it('a file over the size limit is refused with 413 and a clear message', async () => {
		const big = new Uint8Array(200 * 1024);
		big.set([0x25, 0x50, 0x44, 0x46]);
		const res = await upload('lon.pdf', big);
		expect(res.status).toBe(413);
		expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/quá lớn/);
	});

	it('a forbidden type, or a file whose bytes do not match its extension, is refused with 415', async () => {
		expect((await upload('virus.exe', new Uint8Array([0x4d, 0x5a, 1, 2]))).status).toBe(415);
		expect((await upload('gia-mao.pdf', new Uint8Array([0x4d, 0x5a, 1, 2]))).status).toBe(415);
	});

	it('a RIFF file that is not a WebP (a WAV) is refused as .webp; a real WebP and PNG are taken', async () => {
		const wav = Buffer.alloc(44);
		wav.write('RIFFWAVEfmt ', 0, 'latin1');
		wav.writeUInt32LE(36, 4);
		wav.write('WAVE', 8, 'latin1');
		const refused = await upload('anh.webp', new Uint8Array(wav));
		expect(refused.status).toBe(415);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('type_not_allowed');
		for (const name of ['sample.webp', 'sample.png']) {
			const res = await upload(name, new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/attachments', name))));
			expect(res.status, name).toBe(201);
			const { attachment } = (await res.json()) as { attachment: { mime: string } };
			expect(attachment.mime).toBe(name.endsWith('.webp') ? 'image/webp' : 'image/png');
		}
	});

	it('signed-out users can neither upload nor download', async () => {
		const res = await fetch(`${server.url}/api/boards/${boardId}/cards/${cardId}/attachments`, { method: 'POST', body: new FormData() });
		expect(res.status).toBe(401);
	});
});
