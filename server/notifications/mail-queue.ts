/**
 * The mail queue (mail_outbox) and its worker. A row goes: open (events join it for the coalescing
 * window) → composed (its subject and bodies fixed once, so a retry sends the same message) → claimed
 * by one node for a lease → sent, or released with the next attempt pushed back (1 s, 2 s, 4 s … up to
 * `maxBackoffMs`). Nothing is dropped: an SMTP server that is down only delays the mail. Each claim is
 * `UPDATE … WHERE … claimed_by IS NULL OR claimed_until < now` checked for one changed row, so one node
 * sends each message (on PostgreSQL as on SQLite). The Message-ID is fixed per row, so in the one case
 * left (a crash between the SMTP server's acceptance and the row being marked sent) a repeat is
 * recognisable as the same message.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.js';
import type { Database } from '../db/schema.js';
import crypto from 'node:crypto';
import type { Clock } from './clock.js';
import { renderImmediate, type CardLink, type MailEntry, type RenderedMail } from './mail-render.js';
import { signLink } from './signed-token.js';
import { inboxWords } from '../inbox/inbox-text.js';

export interface MailTransport {
	sendMail(message: {
		from: string;
		to: string;
		subject: string;
		text: string;
		html: string;
		messageId: string;
		headers: Record<string, string>;
		list?: Record<string, unknown>;
	}): Promise<unknown>;
}

export interface MailQueueOptions {
	from: string;
	publicUrl: string;
	secret: string;
	clock: Clock;
	transport: MailTransport;
	/** This node's name in claims. */
	node: string;
	maxBackoffMs?: number;
	/** How long a claim holds before another node may take the row (a node that died mid-send). */
	leaseMs?: number;
}

const LINK_DAYS = 180;

export function cardUrl(publicUrl: string, boardId: string, cardId: string): string {
	return `${publicUrl}/boards/${encodeURIComponent(boardId)}?card=${encodeURIComponent(cardId)}`;
}

export function preferenceLinks(publicUrl: string, secret: string, userId: string, types: string[], now: Date) {
	const e = Math.floor(now.getTime() / 1000) + LINK_DAYS * 86_400;
	return {
		prefsUrl: `${publicUrl}/notifications?token=${signLink(secret, { u: userId, s: 'prefs', e })}`,
		offUrl: `${publicUrl}/api/notifications/unsubscribe?token=${signLink(secret, { u: userId, s: 'off', t: types, e })}`
	};
}

/** The entries of the mail items bound to a mail, oldest first, with links to their cards. */
export async function mailEntries(db: Kysely<Database>, mailId: number, publicUrl: string): Promise<{ entries: MailEntry[]; types: string[] }> {
	const rows = await db
		.selectFrom('mail_items as i')
		.innerJoin('inbox_messages as m', 'm.id', 'i.message_id')
		.leftJoin('boards as b', 'b.id', 'm.board_id')
		.select(['m.kind', 'm.title', 'm.body', 'm.text_json', 'm.board_id', 'm.card_ids_json', 'm.created_at', 'b.title as board_title', 'i.type'])
		.where('i.mail_id', '=', mailId)
		.orderBy('m.created_at')
		.orderBy('m.id')
		.execute();
	const entries: MailEntry[] = [];
	for (const r of rows) {
		const ids = JSON.parse(r.card_ids_json) as string[];
		const cards: CardLink[] = [];
		if (r.board_id) {
			for (const id of ids) {
				const c = await db.selectFrom('cards').select(['code', 'title']).where('id', '=', id).where('board_id', '=', r.board_id).executeTakeFirst();
				cards.push({ code: c?.code ?? 'Nhiệm vụ', title: c?.title ?? '', url: cardUrl(publicUrl, r.board_id, id) });
			}
		}
		// An e-mail is a document: the message's words in Vietnamese, from the catalogue.
		entries.push({ kind: r.kind, ...inboxWords('vi', r), boardTitle: r.board_title, createdAt: r.created_at, cards });
	}
	return { entries, types: [...new Set(rows.map((r) => r.type))] };
}

export class MailQueue {
	constructor(
		private db: DB,
		private options: MailQueueOptions
	) {}

	/** Fixes the content of a mail whose coalescing window has passed. */
	async composeDue(): Promise<number> {
		const now = this.options.clock.now();
		const at = now.toISOString();
		const due = await this.db
			.selectFrom('mail_outbox')
			.select(['id', 'user_id'])
			.where('composed_at', 'is', null)
			.where('send_at', '<=', at)
			.orderBy('id')
			.limit(50)
			.execute();
		for (const m of due) await this.db.transaction().execute((trx) => this.compose(trx, m, now));
		return due.length;
	}

	private async compose(trx: Kysely<Database>, m: { id: number; user_id: string }, now: Date): Promise<void> {
		const at = now.toISOString();
		const marked = await trx
			.updateTable('mail_outbox')
			.set({ composed_at: at })
			.where('id', '=', m.id)
			.where('composed_at', 'is', null)
			.executeTakeFirst();
		if (Number(marked.numUpdatedRows) !== 1) return;
		await trx
			.updateTable('mail_items')
			.set({ mail_id: m.id })
			.where('user_id', '=', m.user_id)
			.where('mode', '=', 'immediate')
			.where('mail_id', 'is', null)
			.execute();
		const email = (await trx.selectFrom('users').select('email').where('id', '=', m.user_id).where('active', '=', 1).executeTakeFirst())?.email;
		const { entries, types } = await mailEntries(trx, m.id, this.options.publicUrl);
		if (!email || entries.length === 0) {
			await trx.updateTable('mail_outbox').set({ sent_at: at, last_error: 'nothing to send' }).where('id', '=', m.id).execute();
			return;
		}
		const links = preferenceLinks(this.options.publicUrl, this.options.secret, m.user_id, types, now);
		await this.store(trx, m.id, email, renderImmediate(entries, links.prefsUrl), links.offUrl, at);
	}

	async store(db: Kysely<Database>, id: number, to: string, mail: RenderedMail, offUrl: string, at: string): Promise<void> {
		await db
			.updateTable('mail_outbox')
			.set({ to_address: to, subject: mail.subject, text_body: mail.text, html_body: mail.html, unsubscribe_url: offUrl, next_attempt_at: at })
			.where('id', '=', id)
			.execute();
	}

	/** Sends what is due, one claimed row at a time; returns how many were sent. */
	async sendDue(): Promise<number> {
		let sent = 0;
		for (;;) {
			const now = this.options.clock.now();
			const at = now.toISOString();
			const due = await this.db
				.selectFrom('mail_outbox')
				.select('id')
				.where('composed_at', 'is not', null)
				.where('sent_at', 'is', null)
				.where('next_attempt_at', '<=', at)
				.where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_until', '<', at)]))
				.orderBy('id')
				.limit(20)
				.execute();
			if (due.length === 0) return sent;
			let progressed = false;
			for (const { id } of due) {
				const until = new Date(now.getTime() + (this.options.leaseMs ?? 120_000)).toISOString();
				const claimed = await this.db
					.updateTable('mail_outbox')
					.set({ claimed_by: this.options.node, claimed_until: until })
					.where('id', '=', id)
					.where('sent_at', 'is', null)
					.where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_until', '<', at)]))
					.executeTakeFirst();
				if (Number(claimed.numUpdatedRows) !== 1) continue;
				progressed = true;
				if (await this.sendOne(id)) sent++;
			}
			if (!progressed) return sent;
		}
	}

	private async sendOne(id: number): Promise<boolean> {
		const r = await this.db
			.selectFrom('mail_outbox')
			.select(['to_address', 'subject', 'text_body', 'html_body', 'unsubscribe_url', 'attempts'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		const to = r.to_address ?? '';
		const subject = r.subject ?? '';
		const host = new URL(this.options.publicUrl).hostname || 'phoihop';
		try {
			await this.options.transport.sendMail({
				from: this.options.from,
				to,
				subject,
				text: r.text_body ?? '',
				html: r.html_body ?? '',
				messageId: `<mail-${id}-${crypto
					.createHash('sha256')
					.update(subject + to)
					.digest('hex')
					.slice(0, 12)}@${host}>`,
				headers: { 'Auto-Submitted': 'auto-generated', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
				list: { unsubscribe: { url: r.unsubscribe_url ?? '', comment: 'Không nhận loại thông báo này qua e-mail' } }
			});
			await this.db
				.updateTable('mail_outbox')
				.set({ sent_at: this.options.clock.now().toISOString(), claimed_by: null, claimed_until: null, last_error: null })
				.where('id', '=', id)
				.where('claimed_by', '=', this.options.node)
				.execute();
			return true;
		} catch (err) {
			const delay = Math.min(this.options.maxBackoffMs ?? 600_000, 1000 * 2 ** Math.min(r.attempts, 20));
			const next = new Date(this.options.clock.now().getTime() + delay).toISOString();
			await this.db
				.updateTable('mail_outbox')
				.set((eb) => ({
					attempts: eb('attempts', '+', 1),
					next_attempt_at: next,
					claimed_by: null,
					claimed_until: null,
					last_error: String(err).slice(0, 500)
				}))
				.where('id', '=', id)
				.where('claimed_by', '=', this.options.node)
				.execute();
			return false;
		}
	}
}
