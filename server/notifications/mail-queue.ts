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
import type SQLite from 'better-sqlite3';
import crypto from 'node:crypto';
import type { Clock } from './clock.js';
import { renderImmediate, type CardLink, type MailEntry, type RenderedMail } from './mail-render.js';
import { signLink } from './signed-token.js';

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
export function mailEntries(sqlite: SQLite.Database, mailId: number, publicUrl: string): { entries: MailEntry[]; types: string[] } {
	const rows = sqlite
		.prepare(
			`select m.kind, m.title, m.body, m.board_id, m.card_ids_json, m.created_at, b.title as board_title, i.type
			 from mail_items i join inbox_messages m on m.id = i.message_id left join boards b on b.id = m.board_id
			 where i.mail_id = ? order by m.created_at, m.id`
		)
		.all(mailId) as {
		kind: string;
		title: string;
		body: string;
		board_id: string | null;
		card_ids_json: string;
		created_at: string;
		board_title: string | null;
		type: string;
	}[];
	const cardStmt = sqlite.prepare('select code, title from cards where id = ? and board_id = ?');
	const entries = rows.map((r) => {
		const ids = JSON.parse(r.card_ids_json) as string[];
		const cards: CardLink[] = r.board_id
			? ids.map((id) => {
					const c = cardStmt.get(id, r.board_id) as { code: string; title: string } | undefined;
					return { code: c?.code ?? 'Nhiệm vụ', title: c?.title ?? '', url: cardUrl(publicUrl, r.board_id!, id) };
				})
			: [];
		return { kind: r.kind, title: r.title, body: r.body, boardTitle: r.board_title, createdAt: r.created_at, cards };
	});
	return { entries, types: [...new Set(rows.map((r) => r.type))] };
}

export class MailQueue {
	private readonly st;

	constructor(
		private sqlite: SQLite.Database,
		private options: MailQueueOptions
	) {
		const s = (sql: string) => sqlite.prepare(sql);
		this.st = {
			dueOpen: s("select id, user_id from mail_outbox where composed_at is null and send_at <= ? order by id limit 50"),
			markComposing: s('update mail_outbox set composed_at = ? where id = ? and composed_at is null'),
			bindItems: s("update mail_items set mail_id = ? where user_id = ? and mode = 'immediate' and mail_id is null"),
			email: s('select email from users where id = ? and active = 1'),
			setContent: s(`update mail_outbox set to_address = ?, subject = ?, text_body = ?, html_body = ?, unsubscribe_url = ?,
				next_attempt_at = ? where id = ?`),
			skip: s("update mail_outbox set sent_at = ?, last_error = 'nothing to send' where id = ?"),
			dueSend: s(`select id from mail_outbox where composed_at is not null and sent_at is null and next_attempt_at <= ?
				and (claimed_by is null or claimed_until < ?) order by id limit 20`),
			claim: s(`update mail_outbox set claimed_by = ?, claimed_until = ? where id = ? and sent_at is null
				and (claimed_by is null or claimed_until < ?)`),
			row: s('select to_address, subject, text_body, html_body, unsubscribe_url from mail_outbox where id = ?'),
			sent: s('update mail_outbox set sent_at = ?, claimed_by = null, claimed_until = null, last_error = null where id = ? and claimed_by = ?'),
			failed: s(`update mail_outbox set attempts = attempts + 1, next_attempt_at = ?, claimed_by = null, claimed_until = null,
				last_error = ? where id = ? and claimed_by = ?`),
			attempts: s('select attempts from mail_outbox where id = ?')
		};
	}

	/** Fixes the content of a mail whose coalescing window has passed. */
	composeDue(): number {
		const now = this.options.clock.now();
		const at = now.toISOString();
		const due = this.st.dueOpen.all(at) as { id: number; user_id: string }[];
		const tx = this.sqlite.transaction((m: { id: number; user_id: string }) => {
			if (this.st.markComposing.run(at, m.id).changes !== 1) return;
			this.st.bindItems.run(m.id, m.user_id);
			const email = (this.st.email.get(m.user_id) as { email: string | null } | undefined)?.email;
			const { entries, types } = mailEntries(this.sqlite, m.id, this.options.publicUrl);
			if (!email || entries.length === 0) {
				this.st.skip.run(at, m.id);
				return;
			}
			const links = preferenceLinks(this.options.publicUrl, this.options.secret, m.user_id, types, now);
			this.store(m.id, email, renderImmediate(entries, links.prefsUrl), links.offUrl, at);
		}).immediate;
		for (const m of due) tx(m);
		return due.length;
	}

	store(id: number, to: string, mail: RenderedMail, offUrl: string, at: string): void {
		this.st.setContent.run(to, mail.subject, mail.text, mail.html, offUrl, at, id);
	}

	/** Sends what is due, one claimed row at a time; returns how many were sent. */
	async sendDue(): Promise<number> {
		let sent = 0;
		for (;;) {
			const now = this.options.clock.now();
			const at = now.toISOString();
			const due = this.st.dueSend.all(at, at) as { id: number }[];
			if (due.length === 0) return sent;
			let progressed = false;
			for (const { id } of due) {
				const until = new Date(now.getTime() + (this.options.leaseMs ?? 120_000)).toISOString();
				if (this.st.claim.run(this.options.node, until, id, at).changes !== 1) continue;
				progressed = true;
				if (await this.sendOne(id)) sent++;
			}
			if (!progressed) return sent;
		}
	}

	private async sendOne(id: number): Promise<boolean> {
		const r = this.st.row.get(id) as { to_address: string; subject: string; text_body: string; html_body: string; unsubscribe_url: string };
		const host = new URL(this.options.publicUrl).hostname || 'phoihop';
		try {
			await this.options.transport.sendMail({
				from: this.options.from,
				to: r.to_address,
				subject: r.subject,
				text: r.text_body,
				html: r.html_body,
				messageId: `<mail-${id}-${crypto.createHash('sha256').update(r.subject + r.to_address).digest('hex').slice(0, 12)}@${host}>`,
				headers: { 'Auto-Submitted': 'auto-generated', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
				list: { unsubscribe: { url: r.unsubscribe_url, comment: 'Không nhận loại thông báo này qua e-mail' } }
			});
			this.st.sent.run(this.options.clock.now().toISOString(), id, this.options.node);
			return true;
		} catch (err) {
			const attempts = (this.st.attempts.get(id) as { attempts: number }).attempts;
			const delay = Math.min(this.options.maxBackoffMs ?? 600_000, 1000 * 2 ** Math.min(attempts, 20));
			const next = new Date(this.options.clock.now().getTime() + delay).toISOString();
			this.st.failed.run(next, String(err).slice(0, 500), id, this.options.node);
			return false;
		}
	}
}
