/**
 * Inbox messages are stored and sent as notes (code and params) that the inbox page words in its
 * language; `title` and `body` carry the Vietnamese words for scripts. A message stored before notes
 * had codes (only its Vietnamese title and body) is shown as it was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../helpers/server.js';
import { todayInVietnam } from '../../../server/boards/today.js';
import { extendDeadline } from '../../../src/lib/core/board-review.js';
import { newId } from '../../../src/lib/core/ids.js';
import type { InboxMessage } from '../../../server/inbox/inbox-store.js';
import { noteMessage } from '../../../src/lib/i18n/notes.js';

let server: TestServer;
let admin: string;
let boardId: string;
let snnId: string;
let overdueCard: string;

function daysAgo(n: number): string {
	const d = new Date(`${todayInVietnam()}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - n);
	return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, 'admin');
	snnId = (await api<{ id: string; name: string }[]>(server.url, admin, '/api/agencies')).find((a) => a.name === 'Sở Nông nghiệp và Môi trường')!.id;
	for (const b of await api<{ id: string }[]>(server.url, admin, '/api/boards')) {
		const board = await api<{ cards: { id: string; lead: string[]; status: string }[] }>(server.url, admin, `/api/boards/${b.id}`);
		const card = board.cards.find((c) => c.lead.includes(snnId) && c.status !== 'done');
		if (card) {
			boardId = b.id;
			overdueCard = card.id;
			break;
		}
	}
	await server.sync.change(boardId, null, overdueCard, 'deadline', (room) => extendDeadline(room.doc, overdueCard, daysAgo(3), { userId: 'test' }));
});
afterAll(async () => server.stop());

describe('inbox messages as notes', () => {
	it('a reminder is stored as codes: the inbox answers them, with the Vietnamese words beside them', async () => {
		const snnmt = await login(server.url, 'snnmt');
		await api(server.url, admin, `/api/boards/${boardId}/reminders`, { method: 'POST', body: JSON.stringify({ agencyIds: [snnId] }) });
		const message = (await api<InboxMessage[]>(server.url, snnmt, '/api/inbox')).find((m) => m.kind === 'reminder')!;
		const stored = await server.ctx.db
			.selectFrom('inbox_messages')
			.select(['title', 'body', 'text_json'])
			.where('id', '=', message.id)
			.executeTakeFirstOrThrow();
		expect(stored.title).toBe('');
		expect(JSON.parse(stored.text_json!)).toEqual(message.text);

		expect(message.text).toMatchObject({
			title: { code: 'inbox_reminder_title', params: { count: expect.any(Number) } },
			body: {
				code: 'inbox_reminder_body',
				params: { agency: 'Sở Nông nghiệp và Môi trường', tasks: expect.arrayContaining([expect.objectContaining({ code: 'inbox_task_deadline' })]) }
			}
		});
		expect(message.title).toBe(noteMessage('vi', message.text!.title));
		expect(message.body).toBe(noteMessage('vi', message.text!.body!));
		expect(noteMessage('en', message.text!.body!)).toMatch(/^To: Sở Nông nghiệp và Môi trường\.\nAs of \d{2}\/\d{2}\/\d{4}, according to "/);
	});

	it('a comment keeps its own words as the body; only its title is a note', async () => {
		const lmhtx = await login(server.url, 'lmhtx');
		const before = (await api<InboxMessage[]>(server.url, lmhtx, '/api/inbox')).length;
		// A comment event as the sync layer's outbox writes it; the dispatcher makes the messages.
		const stc = (await api<{ user: { id: string } }>(server.url, await login(server.url, 'stc'), '/api/me')).user.id;
		const lmhtxAgency = (await api<{ id: string; name: string }[]>(server.url, admin, '/api/agencies')).find((a) => a.name.startsWith('Liên minh'))!;
		await server.ctx.db
			.insertInto('notification_events')
			.values({
				type: 'comment',
				board_id: boardId,
				actor_id: stc,
				payload_json: JSON.stringify({
					cardId: overdueCard,
					code: 'I.1',
					title: 'Việc thử',
					lead: [],
					support: [],
					commentId: 'c-notes',
					body: 'Nhờ @Liên minh Hợp tác xã thành phố xem giúp',
					authorId: stc,
					agencyId: null
				}),
				created_at: new Date().toISOString()
			})
			.execute();
		await server.notifications.tick();
		const inbox = await api<InboxMessage[]>(server.url, lmhtx, '/api/inbox');
		expect(inbox.length).toBe(before + 1);
		const mention = inbox.find((m) => m.kind === 'mention')!;
		expect(mention.agencyId).toBe(lmhtxAgency.id);
		expect(mention.body).toBe('Nhờ @Liên minh Hợp tác xã thành phố xem giúp');
		expect(mention.text).toEqual({
			title: {
				code: 'inbox_mention_agency_title',
				params: { author: expect.any(String), agency: lmhtxAgency.name, task: { code: 'task_code', params: { code: 'I.1' } } }
			}
		});
		expect(noteMessage('en', mention.text!.title)).toMatch(/ mentioned Liên minh .* in a comment on task I\.1$/);
	});

	it('a message stored before codes is answered as it was written', async () => {
		const id = newId();
		await server.ctx.db
			.insertInto('inbox_messages')
			.values({
				id,
				agency_id: snnId,
				board_id: boardId,
				kind: 'reminder',
				title: 'Đôn đốc thực hiện 1 nhiệm vụ quá hạn',
				body: 'Kính gửi: Sở Nông nghiệp và Môi trường.',
				card_ids_json: '[]',
				sender_id: null,
				created_at: new Date().toISOString()
			})
			.execute();
		const old = (await api<InboxMessage[]>(server.url, await login(server.url, 'snnmt'), '/api/inbox')).find((m) => m.id === id)!;
		expect(old).toMatchObject({ title: 'Đôn đốc thực hiện 1 nhiệm vụ quá hạn', body: 'Kính gửi: Sở Nông nghiệp và Môi trường.', text: null });
	});
});
