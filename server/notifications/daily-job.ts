/**
 * The 07:30 (Asia/Ho_Chi_Minh) job: deadline notices, then the daily digest. One node runs each day's
 * job: it claims the (job, day) row by inserting it (or by taking over a run that started long ago
 * and never finished). Every step is idempotent on its own (deadline notices keyed by card, kind and
 * due date; one digest per person and day), so a run that is taken over repeats nothing.
 *
 * Deadline notices go to the agencies leading the task, once each: 7 days before, the day before, and
 * once overdue. The digest lists per agency what is overdue and what falls due within 7 days (for those
 * who get deadline notices in the digest), then the notifications each person asked to get that way.
 */
import type SQLite from 'better-sqlite3';
import { newId } from '../../src/lib/core/ids.js';
import { formatDate } from '../../src/lib/core/dates.js';
import { DIGEST_TIME, daysBetween, localTime, type Clock } from './clock.js';
import { readPreferences } from './preferences.js';
import { renderDigest, type DigestAgency } from './mail-render.js';
import { cardUrl, mailEntries, preferenceLinks, type MailQueue } from './mail-queue.js';

const STALE_RUN_MS = 15 * 60_000;

interface OpenCard {
	id: string;
	board_id: string;
	code: string;
	title: string;
	lead_json: string;
	deadline_due: string;
	board_title: string;
}

export interface DailyJobOptions {
	clock: Clock;
	node: string;
	mailEnabled: boolean;
	publicUrl: string;
	secret: string;
	queue: MailQueue | null;
	/** Queues the e-mails of new inbox messages (the dispatcher), so that the digest includes the deadline notices. */
	dispatch(): void;
}

const NOTICE = {
	'due-soon': { title: (n: number) => `${n} nhiệm vụ còn 7 ngày đến hạn`, intro: 'Các nhiệm vụ đơn vị chủ trì sẽ đến hạn sau 7 ngày:' },
	'due-tomorrow': { title: (n: number) => `${n} nhiệm vụ đến hạn ngày mai`, intro: 'Các nhiệm vụ đơn vị chủ trì đến hạn vào ngày mai:' },
	overdue: { title: (n: number) => `${n} nhiệm vụ đã quá hạn`, intro: 'Các nhiệm vụ đơn vị chủ trì đã quá thời hạn hoàn thành:' }
} as const;
type NoticeKind = keyof typeof NOTICE;
const DEADLINE_KINDS = new Set(Object.keys(NOTICE));

export class DailyJob {
	constructor(
		private sqlite: SQLite.Database,
		private options: DailyJobOptions
	) {}

	/** Runs today's job if it is 07:30 or later in Viet Nam and no node has run it; returns the day run, or null. */
	tick(): string | null {
		const now = this.options.clock.now();
		const { day, minutes } = localTime(now);
		if (minutes < DIGEST_TIME.hour * 60 + DIGEST_TIME.minute) return null;
		if (!this.claim(day, now)) return null;
		this.deadlineNotices(day);
		this.options.dispatch();
		if (this.options.mailEnabled) this.digests(day);
		this.sqlite
			.prepare("update scheduled_runs set finished_at = ? where job = 'daily' and day = ? and node = ?")
			.run(this.options.clock.now().toISOString(), day, this.options.node);
		return day;
	}

	private claim(day: string, now: Date): boolean {
		const at = now.toISOString();
		const inserted = this.sqlite
			.prepare("insert into scheduled_runs (job, day, node, started_at) values ('daily', ?, ?, ?) on conflict do nothing")
			.run(day, this.options.node, at).changes;
		if (inserted === 1) return true;
		const stale = new Date(now.getTime() - STALE_RUN_MS).toISOString();
		return (
			this.sqlite
				.prepare("update scheduled_runs set node = ?, started_at = ? where job = 'daily' and day = ? and finished_at is null and started_at < ?")
				.run(this.options.node, at, day, stale).changes === 1
		);
	}

	private openCards(): OpenCard[] {
		return this.sqlite
			.prepare(
				`select c.id, c.board_id, c.code, c.title, c.lead_json, c.deadline_due, b.title as board_title
				 from cards c join boards b on b.id = c.board_id
				 where c.status != 'done' and c.deadline_due is not null order by c.board_id, c.deadline_due, c.code`
			)
			.all() as OpenCard[];
	}

	private leadAgencies(card: OpenCard, answerable: Set<string>): string[] {
		try {
			return (JSON.parse(card.lead_json) as string[]).filter((a) => answerable.has(a));
		} catch {
			return [];
		}
	}

	private answerableAgencies(): Map<string, string> {
		const rows = this.sqlite.prepare('select id, name from agencies where is_collective = 0').all() as { id: string; name: string }[];
		return new Map(rows.map((r) => [r.id, r.name]));
	}

	/** One inbox message per board, agency and kind, for the cards not noticed before. */
	deadlineNotices(day: string): number {
		const agencies = this.answerableAgencies();
		const ids = new Set(agencies.keys());
		const insertNotice = this.sqlite.prepare('insert into deadline_notices (card_id, kind, due, created_at) values (?, ?, ?, ?) on conflict do nothing');
		const insertMessage = this.sqlite.prepare(`insert into inbox_messages (id, agency_id, board_id, kind, title, body, card_ids_json, sender_id, created_at, user_id)
			values (?, ?, ?, ?, ?, ?, ?, null, ?, null)`);
		let messages = 0;
		this.sqlite
			.transaction(() => {
				const at = this.options.clock.now().toISOString();
				const groups = new Map<string, { boardId: string; agencyId: string; kind: NoticeKind; cards: OpenCard[] }>();
				for (const card of this.openCards()) {
					const d = daysBetween(day, card.deadline_due);
					const kind: NoticeKind | null = d === 7 ? 'due-soon' : d === 1 ? 'due-tomorrow' : d < 0 ? 'overdue' : null;
					if (!kind) continue;
					const lead = this.leadAgencies(card, ids);
					if (lead.length === 0) continue;
					if (insertNotice.run(card.id, kind, card.deadline_due, at).changes !== 1) continue;
					for (const agencyId of lead) {
						const key = `${card.board_id}|${agencyId}|${kind}`;
						const g = groups.get(key) ?? { boardId: card.board_id, agencyId, kind, cards: [] };
						g.cards.push(card);
						groups.set(key, g);
					}
				}
				for (const g of groups.values()) {
					const n = NOTICE[g.kind];
					const body = [
						`Kính gửi: ${agencies.get(g.agencyId)}.`,
						`Theo "${g.cards[0].board_title}", ${n.intro.charAt(0).toLowerCase()}${n.intro.slice(1)}`,
						...g.cards.map((c) => `- ${c.code}. ${c.title} (hạn ${formatDate(c.deadline_due)})`)
					].join('\n');
					insertMessage.run(newId(), g.agencyId, g.boardId, g.kind, n.title(g.cards.length), body, JSON.stringify(g.cards.map((c) => c.id)), at);
					messages++;
				}
			})
			.immediate();
		return messages;
	}

	/** One digest per person who has something in it today. */
	digests(day: string): number {
		const now = this.options.clock.now();
		const at = now.toISOString();
		const agencies = this.answerableAgencies();
		const ids = new Set(agencies.keys());
		const cards = this.openCards();
		const byAgency = new Map<string, DigestAgency>();
		const agencyDigest = (agencyId: string): DigestAgency | null => {
			if (!agencies.has(agencyId)) return null;
			let a = byAgency.get(agencyId);
			if (!a) {
				a = { name: agencies.get(agencyId)!, overdue: [], dueSoon: [] };
				for (const c of cards) {
					if (!this.leadAgencies(c, ids).includes(agencyId)) continue;
					const d = daysBetween(day, c.deadline_due);
					const link = { code: c.code, title: c.title, url: cardUrl(this.options.publicUrl, c.board_id, c.id), due: c.deadline_due };
					if (d < 0) a.overdue.push(link);
					else if (d <= 7) a.dueSoon.push(link);
				}
				byAgency.set(agencyId, a);
			}
			return a;
		};
		const users = this.sqlite
			.prepare("select id, agency_id, email from users where active = 1 and email is not null and email != ''")
			.all() as { id: string; agency_id: string | null; email: string }[];
		const countItems = this.sqlite.prepare("select count(*) as n from mail_items where user_id = ? and mode = 'digest' and mail_id is null");
		const insertMail = this.sqlite.prepare(`insert into mail_outbox (user_id, kind, digest_day, send_at, composed_at, next_attempt_at, created_at)
			values (?, 'digest', ?, ?, ?, ?, ?) on conflict do nothing`);
		const bindItems = this.sqlite.prepare("update mail_items set mail_id = ? where user_id = ? and mode = 'digest' and mail_id is null");
		let made = 0;
		for (const u of users) {
			const prefs = readPreferences(this.sqlite, u.id);
			const agency = prefs.deadline === 'digest' && u.agency_id ? agencyDigest(u.agency_id) : null;
			const hasTasks = !!agency && agency.overdue.length + agency.dueSoon.length > 0;
			const items = (countItems.get(u.id) as { n: number }).n;
			if (!hasTasks && items === 0) continue;
			this.sqlite
				.transaction(() => {
					const r = insertMail.run(u.id, day, at, at, at, at);
					if (r.changes !== 1) return;
					const mailId = Number(r.lastInsertRowid);
					bindItems.run(mailId, u.id);
					const { entries, types } = mailEntries(this.sqlite, mailId, this.options.publicUrl);
					const links = preferenceLinks(this.options.publicUrl, this.options.secret, u.id, hasTasks ? [...new Set([...types, 'deadline'])] : types, now);
					// The agency's list already names the deadline notices' tasks.
					const listed = hasTasks ? entries.filter((e) => !DEADLINE_KINDS.has(e.kind)) : entries;
					const mail = renderDigest(day, hasTasks && agency ? [agency] : [], listed, links.prefsUrl);
					this.options.queue?.store(mailId, u.email, mail, links.offUrl, at);
					made++;
				})
				.immediate();
		}
		return made;
	}
}
