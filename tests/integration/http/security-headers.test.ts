/**
 * Every /api answer, whatever it is (JSON, an error, a refusal, a download), carries the security
 * headers: nothing stored by a cache, nothing sniffed, framed or run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../helpers/server.js';
import { withSocketOrigins } from '../../../server/http/security-headers.js';

let server: TestServer;
let token: string;
let boardId: string;

beforeAll(async () => {
	server = await startTestServer();
	token = await login(server.url, 'admin');
	const boards = (await (await fetch(`${server.url}/api/boards`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string }[];
	boardId = boards[0].id;
});
afterAll(async () => server.stop());

function expectApiHeaders(res: Response, what: string) {
	expect(res.headers.get('cache-control'), what).toBe('no-store');
	expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
	expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
	expect(res.headers.get('x-frame-options'), what).toBe('DENY');
	const csp = res.headers.get('content-security-policy') ?? '';
	expect(csp, what).toContain("default-src 'none'");
	expect(csp, what).toContain("frame-ancestors 'none'");
	// Only over HTTPS (SECURE_COOKIES=1).
	expect(res.headers.get('strict-transport-security'), what).toBeNull();
}

describe('security headers on /api answers', () => {
	it('JSON answers, signed in or not, and errors of every kind', async () => {
		const auth = { authorization: `Bearer ${token}` };
		const cases: [string, Promise<Response>, number][] = [
			['GET /api/me', fetch(`${server.url}/api/me`, { headers: auth }), 200],
			['GET /api/boards/:id', fetch(`${server.url}/api/boards/${boardId}`, { headers: auth }), 200],
			['GET /api/me signed out', fetch(`${server.url}/api/me`), 401],
			['unknown route', fetch(`${server.url}/api/khong-co`, { headers: auth }), 404],
			['broken JSON', fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400],
			[
				'cross-site write',
				fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { origin: 'https://evil.example', cookie: 'phoihop_session=x' } }),
				403
			],
			[
				'wrong password',
				fetch(`${server.url}/api/auth/login`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ username: 'stc', password: 'sai-mat-khau' })
				}),
				401
			],
			['health', fetch(`${server.url}/api/health`), 200]
		];
		for (const [what, pending, status] of cases) {
			const res = await pending;
			expect(res.status, what).toBe(status);
			expectApiHeaders(res, what);
		}
	});

	it('the sign-in answer that sets the cookie is not stored either', async () => {
		const res = await fetch(`${server.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'thuky', password: 'demo-phoihop' })
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
		expectApiHeaders(res, 'login');
	});

	it('Excel and Word downloads still arrive whole, as downloads, with no-store', async () => {
		for (const [file, type] of [
			['export.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
			['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']
		]) {
			const res = await fetch(`${server.url}/api/boards/${boardId}/${file}`, { headers: { authorization: `Bearer ${token}` } });
			expect(res.status, file).toBe(200);
			expect(res.headers.get('content-type'), file).toContain(type);
			expect(res.headers.get('content-disposition'), file).toMatch(/attachment/);
			expectApiHeaders(res, file);
			const bytes = new Uint8Array(await res.arrayBuffer());
			expect([...bytes.subarray(0, 4)], file).toEqual([0x50, 0x4b, 0x03, 0x04]);
			expect(bytes.length, file).toBeGreaterThan(1000);
		}
	});

	it('an attachment download trades its own caching for no-store', async () => {
		const cardId = (
			(await (await fetch(`${server.url}/api/boards/${boardId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
				cards: { id: string }[];
			}
		).cards[0].id;
		const form = new FormData();
		form.append('file', new Blob(['Ghi chú cuộc họp']), 'ghi-chu.txt');
		const up = await fetch(`${server.url}/api/boards/${boardId}/cards/${cardId}/attachments`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}` },
			body: form
		});
		expect(up.status).toBe(201);
		expectApiHeaders(up, 'upload');
		const { attachment } = (await up.json()) as { attachment: { id: string } };
		const dl = await fetch(`${server.url}/api/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${token}` } });
		expect(dl.status).toBe(200);
		expectApiHeaders(dl, 'attachment');
		expect(await dl.text()).toBe('Ghi chú cuộc họp');
	});

	it('HSTS is sent when the app runs behind HTTPS (SECURE_COOKIES=1)', async () => {
		const secure = await startTestServer({ secureCookies: true, demo: false });
		try {
			const res = await fetch(`${secure.url}/api/health`);
			expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
		} finally {
			await secure.stop();
		}
	});
});

describe('the page policy learns the socket origin of its host', () => {
	const policy = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";
	it('adds ws:// and wss:// of the Host to connect-src only', () => {
		expect(withSocketOrigins(policy, 'phoihop.cantho.gov.vn')).toBe(
			"default-src 'self'; connect-src 'self' ws://phoihop.cantho.gov.vn wss://phoihop.cantho.gov.vn; frame-ancestors 'none'"
		);
		expect(withSocketOrigins(policy, '127.0.0.1:3000')).toContain('wss://127.0.0.1:3000');
		expect(withSocketOrigins(policy, '[::1]:3000')).toContain('ws://[::1]:3000');
	});
	it('leaves the policy alone for a Host that could smuggle a source or a directive in', () => {
		for (const host of ["evil.example 'unsafe-inline'", 'a;script-src *', 'x.example/path', '', undefined]) {
			expect(withSocketOrigins(policy, host)).toBe(policy);
		}
	});
});
