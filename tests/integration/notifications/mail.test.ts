/**
 * Notifications by e-mail, end to end: a real server on a temporary database, a real SMTP server in
 * this process (smtp-server) and every message parsed as it arrives (mailparser). The clock is the
 * real one moved to 30/11/2026 07:00 in Viet Nam, so the 07:30 digest runs when the test moves it on.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { addComment } from '../../../src/lib/core/board-doc.js';
import { extendDeadline } from '../../../src/lib/core/board-review.js';
import { todayInVietnam } from '../../../server/boards/today.js';
import { startServer, type RunningServer } from '../../../server/server.js';
import { setHandler } from '../../../src/lib/core/board-editing.js';
import { api, connectBoard, login, queryValue, synced, tempDataDir, type BoardClient } from '../helpers/server.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/test-database.js';
import { recipients, startSmtpPeer, type SmtpPeer } from './smtp-peer.js';

const PUBLIC = 'https://phoihop.test';
const START = Date.parse('2026-11-30T00:00:00Z'); // 07:00 in Viet Nam
let offset = START - Date.now();
const clock = { now: () => new Date(Date.now() + offset) };

let smtp: SmtpPeer;
let server: RunningServer;
let dataDir: string;
/** The PostgreSQL database of the run (the `postgres` project); the restart reuses it. */
let pgDatabase: TestDatabase | null = null;
let boardId: string;
let cardId: string;
let cardCode: string;
const ids: Record<string, { id: string; agencyId: string }> = {};
let snnmtClient: BoardClient;

async function boot(): Promise<RunningServer> {
	return startServer(
		{
			port: 0,
			host: '127.0.0.1',
			dataDir,
			databaseUrl: pgDatabase?.url ?? null,
			demo: true,
			roomIdleMs: 200,
			smtpUrl: `${smtp.url}/?ignoreTLS=true`,
			publicUrl: PUBLIC,
			mailCoalesceMs: 1500
		},
		{ web: false, quiet: true, notifications: { clock, tickMs: 100, maxBackoffMs: 4000 } }
	);
}

const to = (addr: string) => (m: ParsedMail) => recipients(m).includes(addr);
const withSubject = (s: string | RegExp) => (m: ParsedMail) => (typeof s === 'string' ? m.subject === s : s.test(m.subject ?? ''));
const count = (pred: (m: ParsedMail) => boolean) => smtp.mails.filter(pred).length;

function daysAgo(n: number): string {
	const d = new Date(`${todayInVietnam()}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - n);
	return d.toISOString().slice(0, 10);
}

/** The card links of a mail (text and HTML), as [boardId, cardId] pairs. */
function cardLinks(body: string): [string, string][] {
	return [...body.matchAll(/https:\/\/phoihop\.test\/boards\/([\w-]+)\?card=([\w-]+)/g)].map((m) => [m[1], m[2]]);
}

function comment(body: string): void {
	addComment(snnmtClient.doc, cardId, { body }, { userId: ids.snnmt.id, agencyId: ids.snnmt.agencyId });
}

beforeAll(async () => {
	smtp = await startSmtpPeer();
	dataDir = tempDataDir();
	if (testDatabaseKind() === 'postgres') pgDatabase = await createTestDatabase();
	server = await boot();
	for (const u of await server.ctx.db.selectFrom('users').select(['id', 'username', 'agency_id']).execute()) {
		ids[u.username] = { id: u.id, agencyId: u.agency_id ?? '' };
	}
	// A card that Sở Nông nghiệp và Môi trường leads, made overdue (for reminders).
	const row = await server.ctx.db
		.selectFrom('cards')
		.select(['id', 'board_id', 'code'])
		.where('lead_json', 'like', `%${ids.snnmt.agencyId}%`)
		.where('status', '!=', 'done')
		.orderBy('board_id')
		.orderBy('code')
		.limit(1)
		.executeTakeFirstOrThrow();
	({ id: cardId, board_id: boardId, code: cardCode } = row);
	await server.sync.change(boardId, null, cardId, 'deadline', (room) => extendDeadline(room.doc, cardId, daysAgo(3), { userId: 'test' }));
	snnmtClient = connectBoard(server.url.replace(/^http/, 'ws'), boardId, await login(server.url, 'snnmt'));
	await synced(snnmtClient);
}, 60_000);

afterAll(async () => {
	snnmtClient?.destroy();
	await server?.close();
	await smtp?.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
	await pgDatabase?.drop();
});

describe('e-mail notifications', () => {
	it('a mention of an agency reaches its people once, with a Vietnamese subject and a link that opens the card', async () => {
		comment('Đề nghị @LMHTXTP phối hợp cung cấp số liệu HTX trước ngày 10/12.');
		const subject = `[Phối hợp] Chuyên viên Sở Nông nghiệp và Môi trường nhắc đến Liên minh Hợp tác xã thành phố trong bình luận tại nhiệm vụ ${cardCode}`;
		await smtp.waitFor((ms) => ms.some(withSubject(subject)));
		await new Promise((r) => setTimeout(r, 2000)); // anything doubled would have arrived by now
		const mails = smtp.mails.filter(withSubject(subject));
		expect(mails).toHaveLength(1);
		expect(recipients(mails[0])).toEqual(['lmhtx@phoihop.example']);
		expect(mails[0].from?.text).toBe('"Phối hợp" <no-reply@phoihop.example>');
		expect(mails[0].text).toContain('phối hợp cung cấp số liệu HTX trước ngày 10/12.');
		expect(cardLinks(mails[0].text!)).toContainEqual([boardId, cardId]);
		expect(cardLinks(String(mails[0].html))).toContainEqual([boardId, cardId]);
		// The link names a real card of a real board.
		const admin = await login(server.url, 'admin');
		const board = await api<{ cards: { id: string; code: string }[] }>(server.url, admin, `/api/boards/${boardId}`);
		expect(board.cards.find((c) => c.id === cardId)?.code).toBe(cardCode);
		// Nobody else was mailed about it: the author's own agency has only the author.
		expect(count((m) => (m.subject ?? '').includes('nhắc đến'))).toBe(1);
		// In the app: the mentioned agency's inbox has it, unread.
		const inbox = await api<{ kind: string; title: string; read: boolean; cards: { id: string; code: string }[] }[]>(
			server.url,
			await login(server.url, 'lmhtx'),
			'/api/inbox'
		);
		expect(inbox.find((m) => m.kind === 'mention')).toMatchObject({ read: false, cards: [{ id: cardId, code: cardCode }] });
	}, 30_000);

	it('a burst of events to one person within the window goes as one message', async () => {
		const before = count(to('stc@phoihop.example'));
		comment('@stc xem giúp số liệu quý I');
		comment('@stc và cả quý II');
		comment('@stc cảm ơn');
		await smtp.waitFor(() => count(to('stc@phoihop.example')) > before);
		await new Promise((r) => setTimeout(r, 2500));
		const mails = smtp.mails.filter(to('stc@phoihop.example')).slice(before);
		expect(mails.map((m) => m.subject)).toEqual(['[Phối hợp] 3 thông báo mới']);
		expect(mails[0].text).toContain('@stc xem giúp số liệu quý I');
		expect(mails[0].text).toContain('@stc cảm ơn');
	}, 30_000);

	it('a reminder from the facilitator lists the tasks with links; a second one the same day asks for confirmation', async () => {
		const thuky = await login(server.url, 'thuky');
		const send = (body: object) =>
			fetch(`${server.url}/api/boards/${boardId}/reminders`, {
				method: 'POST',
				headers: { authorization: `Bearer ${thuky}`, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const first = await send({ agencyIds: [ids.snnmt.agencyId] });
		expect(first.status).toBe(201);
		const again = await send({ agencyIds: [ids.snnmt.agencyId] });
		expect(again.status).toBe(409);
		expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_reminded');

		await smtp.waitFor((ms) => ms.some((m) => to('snnmt@phoihop.example')(m) && /Đôn đốc/.test(m.subject ?? '')));
		await new Promise((r) => setTimeout(r, 2000));
		const mails = smtp.mails.filter((m) => /Đôn đốc/.test(m.subject ?? ''));
		expect(mails).toHaveLength(1);
		expect(recipients(mails[0])).toEqual(['snnmt@phoihop.example']);
		expect(mails[0].subject).toMatch(/^\[Phối hợp\] Đôn đốc thực hiện \d+ nhiệm vụ quá hạn$/);
		expect(mails[0].text).toContain('Kính gửi: Sở Nông nghiệp và Môi trường.');
		expect(cardLinks(mails[0].text!)).toContainEqual([boardId, cardId]);

		const confirmed = await send({ agencyIds: [ids.snnmt.agencyId], confirm: true });
		expect(confirmed.status).toBe(201);
	}, 30_000);

	it("being made a card's handler arrives once, addressed to that person", async () => {
		// The handler is set in the board document, as the card drawer does; the outbox hook sees it.
		await server.sync.change(boardId, ids.admin.id, cardId, 'handler', (room) =>
			setHandler(room.doc, cardId, ids.snnmt.id, { userId: ids.admin.id, agencyId: ids.admin.agencyId })
		);
		// It may share its e-mail with the reminder confirmed just before (same person, same few minutes).
		const phrase = `Bạn được giao xử lý nhiệm vụ ${cardCode}`;
		const handlerMail = (m: ParsedMail) => (m.text ?? '').includes(phrase);
		await smtp.waitFor((ms) => ms.some(handlerMail));
		await new Promise((r) => setTimeout(r, 2000));
		const mails = smtp.mails.filter(handlerMail);
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toMatch(new RegExp(`^\\[Phối hợp\\] (${phrase}|2 thông báo mới)$`));
		expect(recipients(mails[0])).toEqual(['snnmt@phoihop.example']);
		expect(mails[0].text).toContain('Quản trị (Thường trực BCĐ) đã giao xử lý nhiệm vụ');
		expect(cardLinks(mails[0].text!)).toContainEqual([boardId, cardId]);
		// Naming the same handler again changes nothing and sends nothing.
		await server.sync.change(boardId, ids.admin.id, cardId, 'handler', (room) =>
			setHandler(room.doc, cardId, ids.snnmt.id, { userId: ids.admin.id, agencyId: ids.admin.agencyId })
		);
		await new Promise((r) => setTimeout(r, 2500));
		expect(smtp.mails.filter(handlerMail)).toHaveLength(1);
	}, 30_000);

	it('the 07:30 digest lists per agency what is overdue and due within 7 days, once per person', async () => {
		const digest = /^\[Phối hợp\] Bản tin ngày 30\/11\/2026: \d+ nhiệm vụ quá hạn, \d+ nhiệm vụ đến hạn trong 7 ngày$/;
		await new Promise((r) => setTimeout(r, 1500));
		expect(count(withSubject(digest))).toBe(0); // 07:00 is too early
		offset += 31 * 60_000; // 07:31 in Viet Nam
		await smtp.waitFor((ms) => ms.some((m) => to('snnmt@phoihop.example')(m) && digest.test(m.subject ?? '')), 15_000);
		await new Promise((r) => setTimeout(r, 2500));
		const mine = smtp.mails.filter((m) => to('snnmt@phoihop.example')(m) && digest.test(m.subject ?? ''));
		expect(mine).toHaveLength(1);
		expect(mine[0].text).toContain('Sở Nông nghiệp và Môi trường');
		expect(mine[0].text).toMatch(/Quá hạn \(\d+\):/);
		expect(mine[0].text).toContain(`${cardCode}. `);
		expect(cardLinks(mine[0].text!)).toContainEqual([boardId, cardId]);
		// One digest per person, and stc's holds the comments of the day (comment preference: digest).
		const perPerson = new Map<string, number>();
		for (const m of smtp.mails.filter(withSubject(digest))) for (const r of recipients(m)) perPerson.set(r, (perPerson.get(r) ?? 0) + 1);
		expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
		// Overdue notices reached the inbox too (once: the job does not run again the same day).
		const overdue = Number(await queryValue(server, sql`select count(*) from inbox_messages where kind = 'overdue'`));
		expect(overdue).toBeGreaterThan(0);
		await server.notifications.tick();
		expect(Number(await queryValue(server, sql`select count(*) from inbox_messages where kind = 'overdue'`))).toBe(overdue);
	}, 40_000);

	it('with the SMTP server down for 30 s, every message still arrives exactly once; a restart sends nothing again', async () => {
		await smtp.stop();
		const before = smtp.mails.length;
		comment('@lmhtx nhờ anh chị kiểm tra lại');
		comment('Gửi @SNNMT và @stc để biết');
		await new Promise((r) => setTimeout(r, 30_000));
		const queued = Number(await queryValue(server, sql`select count(*) from mail_outbox where sent_at is null and attempts > 0`));
		expect(queued).toBeGreaterThan(0); // tried and failed, kept
		await smtp.start();
		await smtp.waitFor((ms) => ms.length >= before + 2, 15_000);
		await new Promise((r) => setTimeout(r, 3000));
		const arrived = smtp.mails.slice(before);
		expect(arrived.map((m) => recipients(m)[0]).sort()).toEqual(['lmhtx@phoihop.example', 'stc@phoihop.example']);

		// Restart the server on the same database: nothing already sent goes out again.
		snnmtClient.destroy();
		await server.close();
		server = await boot();
		await new Promise((r) => setTimeout(r, 3000));
		expect(smtp.mails.length).toBe(before + 2);
		expect(Number(await queryValue(server, sql`select count(*) from mail_outbox where sent_at is null`))).toBe(0);
	}, 90_000);

	it('the links of an e-mail change preferences without signing in; "none" stops the e-mail, not the inbox', async () => {
		const mail = smtp.mails.find((m) => to('lmhtx@phoihop.example')(m))!;
		const prefsUrl = /https:\/\/phoihop\.test\/notifications\?token=([\w.-]+)/.exec(mail.text!)![1];
		const got = await fetch(`${server.url}/api/notifications/preferences?token=${prefsUrl}`);
		expect(got.status).toBe(200);
		expect(((await got.json()) as { email: string; preferences: Record<string, string> }).preferences.mention).toBe('immediate');
		const tampered = await fetch(`${server.url}/api/notifications/preferences?token=${prefsUrl.slice(0, -2)}xx`);
		expect(tampered.status).toBe(400);

		// One click (RFC 8058): the List-Unsubscribe address, POSTed, turns that e-mail's types off.
		const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n[ \t]+/g, '');
		const off = /https:\/\/phoihop\.test(\/api\/notifications\/unsubscribe\?token=[\w.-]+)/.exec(header)![1];
		expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		expect((await fetch(`${server.url}${off}`, { method: 'POST' })).status).toBe(200);
		const lmhtx = await login(server.url, 'lmhtx');
		const prefs = await api<{ preferences: Record<string, string> }>(server.url, lmhtx, '/api/notifications/preferences');
		expect(prefs.preferences.mention).toBe('none');

		snnmtClient = connectBoard(server.url.replace(/^http/, 'ws'), boardId, await login(server.url, 'snnmt'));
		await synced(snnmtClient);
		const before = smtp.mails.length;
		comment('@LMHTXTP lần này không cần e-mail');
		await new Promise((r) => setTimeout(r, 3000));
		expect(smtp.mails.length).toBe(before);
		const inbox = await api<{ body: string }[]>(server.url, lmhtx, '/api/inbox');
		expect(inbox.some((m) => m.body === '@LMHTXTP lần này không cần e-mail')).toBe(true);
		expect(await api<{ unread: number }>(server.url, lmhtx, '/api/inbox/stream')).toEqual({ unread: expect.any(Number) });
	}, 30_000);
});
