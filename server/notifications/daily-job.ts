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
import type { DB } from '../db/database.js';
import { newId } from '../../src/lib/core/ids.js';
import { note, type NoteCode } from '../../src/lib/core/api/notes.js';
import { storedText } from '../inbox/inbox-text.js';
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
	dispatch(): Promise<unknown>;
}

/** The notes of each deadline notice (worded by the reader: the inbox page, or the e-mail in Vietnamese). */
const NOTICE = {
	'due-soon': { title: 'inbox_due_soon_title', body: 'inbox_due_soon_body' },
	'due-tomorrow': { title: 'inbox_due_tomorrow_title', body: 'inbox_due_tomorrow_body' },
	overdue: { title: 'inbox_overdue_title', body: 'inbox_overdue_body' }
} as const satisfies Record<string, { title: NoteCode; body: NoteCode }>;
type NoticeKind = keyof typeof NOTICE;
const DEADLINE_KINDS = new Set(Object.keys(NOTICE));

export class DailyJob {
	constructor(
		private db: DB,
		private options: DailyJobOptions
	) {}

	/** Runs today's job if it is 07:30 or later in Viet Nam and no node has run it; returns the day run, or null. */
	async tick(): Promise<string | null> {
		const now = this.options.clock.now();
		const { day, minutes } = localTime(now);
		if (minutes < DIGEST_TIME.hour * 60 + DIGEST_TIME.minute) return null;
		if (!(await this.claim(day, now))) return null;
		await this.deadlineNotices(day);
		await this.options.dispatch();
		if (this.options.mailEnabled) await this.digests(day);
		await this.db
			.updateTable('scheduled_runs')
			.set({ finished_at: this.options.clock.now().toISOString() })
			.where('job', '=', 'daily')
			.where('day', '=', day)
			.where('node', '=', this.options.node)
			.execute();
		return day;
	}

	private async claim(day: string, now: Date): Promise<boolean> {
		const at = now.toISOString();
		const inserted = await this.db
			.insertInto('scheduled_runs')
			.values({ job: 'daily', day, node: this.options.node, started_at: at })
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows) === 1) return true;
		const stale = new Date(now.getTime() - STALE_RUN_MS).toISOString();
		const taken = await this.db
			.updateTable('scheduled_runs')
			.set({ node: this.options.node, started_at: at })
			.where('job', '=', 'daily')
			.where('day', '=', day)
			.where('finished_at', 'is', null)
			.where('started_at', '<', stale)
			.executeTakeFirst();
		return Number(taken.numUpdatedRows) === 1;
	}

	private async openCards(db: DB = this.db): Promise<OpenCard[]> {
		const rows = await db
			.selectFrom('cards as c')
			.innerJoin('boards as b', 'b.id', 'c.board_id')
			.select(['c.id', 'c.board_id', 'c.code', 'c.title', 'c.lead_json', 'c.deadline_due', 'b.title as board_title'])
			.where('c.status', '!=', 'done')
			.where('c.deadline_due', 'is not', null)
			.orderBy('c.board_id')
			.orderBy('c.deadline_due')
			.orderBy('c.code')
			.execute();
		return rows as OpenCard[];
	}

	private leadAgencies(card: OpenCard, answerable: Set<string>): string[] {
		try {
			return (JSON.parse(card.lead_json) as string[]).filter((a) => answerable.has(a));
		} catch {
			return [];
		}
	}

	private async answerableAgencies(): Promise<Map<string, string>> {
		const rows = await this.db.selectFrom('agencies').select(['id', 'name']).where('is_collective', '=', 0).execute();
		return new Map(rows.map((r) => [r.id, r.name]));
	}

	/** One inbox message per board, agency and kind, for the cards not noticed before. */
	async deadlineNotices(day: string): Promise<number> {
		const agencies = await this.answerableAgencies();
		const ids = new Set(agencies.keys());
		return this.db.transaction().execute(async (trx) => {
			let messages = 0;
			const at = this.options.clock.now().toISOString();
			const groups = new Map<string, { boardId: string; agencyId: string; kind: NoticeKind; cards: OpenCard[] }>();
			for (const card of await this.openCards(trx)) {
				const d = daysBetween(day, card.deadline_due);
				const kind: NoticeKind | null = d === 7 ? 'due-soon' : d === 1 ? 'due-tomorrow' : d < 0 ? 'overdue' : null;
				if (!kind) continue;
				const lead = this.leadAgencies(card, ids);
				if (lead.length === 0) continue;
				const noticed = await trx
					.insertInto('deadline_notices')
					.values({ card_id: card.id, kind, due: card.deadline_due, created_at: at })
					.onConflict((oc) => oc.doNothing())
					.executeTakeFirst();
				if (Number(noticed.numInsertedOrUpdatedRows) !== 1) continue;
				for (const agencyId of lead) {
					const key = `${card.board_id}|${agencyId}|${kind}`;
					const g = groups.get(key) ?? { boardId: card.board_id, agencyId, kind, cards: [] };
					g.cards.push(card);
					groups.set(key, g);
				}
			}
			for (const g of groups.values()) {
				const n = NOTICE[g.kind];
				const tasks = g.cards.map((c) => note('inbox_task_due', { code: c.code, title: c.title, due: formatDate(c.deadline_due) }));
				const text = {
					title: note(n.title, { count: g.cards.length }),
					body: note(n.body, { agency: agencies.get(g.agencyId) ?? '', board: g.cards[0].board_title, tasks })
				};
				await trx
					.insertInto('inbox_messages')
					.values({
						id: newId(),
						agency_id: g.agencyId,
						board_id: g.boardId,
						kind: g.kind,
						...storedText(text),
						card_ids_json: JSON.stringify(g.cards.map((c) => c.id)),
						sender_id: null,
						created_at: at,
						user_id: null
					})
					.execute();
				messages++;
			}
			return messages;
		});
	}

	/** One digest per person who has something in it today. */
	async digests(day: string): Promise<number> {
		const now = this.options.clock.now();
		const at = now.toISOString();
		const agencies = await this.answerableAgencies();
		const ids = new Set(agencies.keys());
		const cards = await this.openCards();
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
		const users = await this.db
			.selectFrom('users')
			.select(['id', 'agency_id', 'email'])
			.where('active', '=', 1)
			.where('email', 'is not', null)
			.where('email', '!=', '')
			.execute();
		let made = 0;
		for (const u of users) {
			const prefs = await readPreferences(this.db, u.id);
			const agency = prefs.deadline === 'digest' && u.agency_id ? agencyDigest(u.agency_id) : null;
			const hasTasks = !!agency && agency.overdue.length + agency.dueSoon.length > 0;
			const items = await this.db
				.selectFrom('mail_items')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('user_id', '=', u.id)
				.where('mode', '=', 'digest')
				.where('mail_id', 'is', null)
				.executeTakeFirstOrThrow();
			if (!hasTasks && Number(items.n) === 0) continue;
			await this.db.transaction().execute(async (trx) => {
				const inserted = await trx
					.insertInto('mail_outbox')
					.values({ user_id: u.id, kind: 'digest', digest_day: day, send_at: at, composed_at: at, next_attempt_at: at, created_at: at })
					.onConflict((oc) => oc.doNothing())
					.returning('id')
					.executeTakeFirst();
				if (!inserted) return;
				const mailId = Number(inserted.id);
				await trx
					.updateTable('mail_items')
					.set({ mail_id: mailId })
					.where('user_id', '=', u.id)
					.where('mode', '=', 'digest')
					.where('mail_id', 'is', null)
					.execute();
				const { entries, types } = await mailEntries(trx, mailId, this.options.publicUrl);
				const links = preferenceLinks(
					this.options.publicUrl,
					this.options.secret,
					u.id,
					hasTasks ? [...new Set([...types, 'deadline'])] : types,
					now
				);
				// The agency's list already names the deadline notices' tasks.
				const listed = hasTasks ? entries.filter((e) => !DEADLINE_KINDS.has(e.kind)) : entries;
				const mail = renderDigest(day, hasTasks && agency ? [agency] : [], listed, links.prefsUrl);
				await this.options.queue?.store(trx, mailId, u.email!, mail, links.offUrl, at);
				made++;
			});
		}
		return made;
	}
}
