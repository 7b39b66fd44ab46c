/**
 * Turns what happened into what people receive, in two idempotent steps, each one transaction:
 *
 * 1. outbox events (notification_events, written with the sync update that caused them) become inbox
 *    messages: a mention of a person or an agency, a new comment for the agencies that lead or support
 *    the card, a person made a card's handler. The event is claimed by `dispatched_at` in the same transaction.
 * 2. inbox messages not yet mailed (from step 1, reminders, review conclusions, deadlines) get one mail
 *    item per recipient whose preference asks for e-mail, and an open coalescing mail for those who
 *    want it at once. The message is claimed by `mailed_at` in the same transaction.
 *
 * Both claims are `UPDATE … WHERE <column> IS NULL` checked for one changed row, so two nodes of a
 * cluster never dispatch the same row twice (on PostgreSQL as on SQLite).
 */
import type SQLite from 'better-sqlite3';
import { newId } from '../../src/lib/core/ids.js';
import type { CommentEventPayload, HandlerEventPayload } from './comment-events.js';
import { KIND_TYPE } from './event-types.js';
import { findMentions, type MentionDirectory } from './mentions.js';
import { readPreferences } from './preferences.js';
import { notifyHandlerAssigned } from './handler-events.js';
import type { InboxBus } from './live.js';
import type { Clock } from './clock.js';

const BATCH = 100;
const MAX_BODY = 2000;

interface MessageRow {
	id: string;
	agency_id: string;
	user_id: string | null;
	kind: string;
	sender_id: string | null;
}

export interface DispatcherOptions {
	mailEnabled: boolean;
	coalesceMs: number;
	clock: Clock;
	bus: InboxBus;
}

export class Dispatcher {
	private readonly st;

	constructor(
		private sqlite: SQLite.Database,
		private options: DispatcherOptions
	) {
		const s = (sql: string) => sqlite.prepare(sql);
		this.st = {
			openEvents: s('select id, type, board_id, actor_id, payload_json from notification_events where dispatched_at is null order by id limit ?'),
			claimEvent: s('update notification_events set dispatched_at = ? where id = ? and dispatched_at is null'),
			insertMessage: s(`insert into inbox_messages (id, agency_id, board_id, kind, title, body, card_ids_json, sender_id, created_at, user_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			// The mention directory of one organization: its members (with their agency there) and agencies.
			users: s(`select users.id, users.username, users.display_name, memberships.agency_id from memberships
				join users on users.id = memberships.user_id where memberships.org_id = ? and users.active = 1`),
			agencies: s('select id, name, short_name, is_collective from agencies where org_id = ?'),
			boardOrg: s('select org_id from boards where id = ?'),
			unmailed: s('select id, agency_id, user_id, kind, sender_id from inbox_messages where mailed_at is null order by created_at, id limit ?'),
			claimMessage: s('update inbox_messages set mailed_at = ? where id = ? and mailed_at is null'),
			userRecipient: s("select id, email from users where id = ? and active = 1"),
			agencyRecipients: s(`select users.id, users.email from memberships join users on users.id = memberships.user_id
				where memberships.agency_id = ? and users.active = 1`),
			insertItem: s(`insert into mail_items (user_id, message_id, type, mode, created_at) values (?, ?, ?, ?, ?)
				on conflict (user_id, message_id) do nothing`),
			openMail: s(`insert into mail_outbox (user_id, kind, send_at, next_attempt_at, created_at) values (?, 'immediate', ?, ?, ?)
				on conflict do nothing`)
		};
	}

	/** Runs both steps until nothing is left (bounded per call); returns how many rows were handled. */
	run(): number {
		let n = 0;
		for (let i = 0; i < 10; i++) {
			const done = this.dispatchEvents() + this.mailMessages();
			n += done;
			if (done === 0) break;
		}
		return n;
	}

	/** Who can be mentioned on a board: the people and agencies of the board's organization only. */
	private directory(boardId: string | null): MentionDirectory & { names: Map<string, string>; agencyNames: Map<string, string> } {
		const orgId = boardId ? ((this.st.boardOrg.pluck().get(boardId) as string | undefined) ?? '') : '';
		const users = this.st.users.all(orgId) as { id: string; username: string; display_name: string; agency_id: string | null }[];
		const agencies = this.st.agencies.all(orgId) as { id: string; name: string; short_name: string; is_collective: number }[];
		return {
			users: users.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, agencyId: u.agency_id })),
			agencies: agencies.map((a) => ({ id: a.id, shortName: a.short_name, name: a.name, isCollective: a.is_collective === 1 })),
			names: new Map(users.map((u) => [u.id, u.display_name])),
			agencyNames: new Map(agencies.map((a) => [a.id, a.name]))
		};
	}

	private dispatchEvents(): number {
		const events = this.st.openEvents.all(BATCH) as { id: number; type: string; board_id: string | null; actor_id: string | null; payload_json: string }[];
		if (events.length === 0) return 0;
		const dirs = new Map<string | null, ReturnType<Dispatcher['directory']>>();
		const dirOf = (boardId: string | null) => {
			if (!dirs.has(boardId)) dirs.set(boardId, this.directory(boardId));
			return dirs.get(boardId)!;
		};
		const tx = this.sqlite.transaction((e: (typeof events)[number]) => {
			const now = this.options.clock.now().toISOString();
			if (this.st.claimEvent.run(now, e.id).changes !== 1) return;
			if (e.type === 'comment') this.commentMessages(e.board_id, JSON.parse(e.payload_json) as CommentEventPayload, dirOf(e.board_id), now);
			if (e.type === 'handler' && e.board_id) {
				const p = JSON.parse(e.payload_json) as HandlerEventPayload;
				if (p.userId !== e.actor_id) {
					notifyHandlerAssigned(this.sqlite, { boardId: e.board_id, cardId: p.cardId, code: p.code, userId: p.userId, assignedBy: e.actor_id, at: now });
				}
			}
		}).immediate;
		for (const e of events) {
			try {
				tx(e);
			} catch (err) {
				console.error(`notifications: event ${e.id} could not be dispatched (${String(err)})`);
			}
		}
		return events.length;
	}

	private commentMessages(boardId: string | null, p: CommentEventPayload, dir: ReturnType<Dispatcher['directory']>, now: string): void {
		const author = (p.authorId && dir.names.get(p.authorId)) || 'Một người dùng';
		const body = p.body.length > MAX_BODY ? `${p.body.slice(0, MAX_BODY)}…` : p.body;
		const cards = JSON.stringify([p.cardId]);
		const task = p.code ? `nhiệm vụ ${p.code}` : 'một nhiệm vụ';
		const add = (agencyId: string, userId: string | null, kind: string, title: string) =>
			this.st.insertMessage.run(newId(), agencyId, boardId, kind, title, body, cards, p.authorId, now, userId);

		const { userIds, agencyIds } = findMentions(p.body, dir);
		for (const userId of userIds) {
			if (userId === p.authorId) continue;
			const agencyId = dir.users.find((u) => u.id === userId)?.agencyId ?? '';
			add(agencyId, userId, 'mention', `${author} nhắc đến bạn trong bình luận tại ${task}`);
		}
		for (const agencyId of agencyIds) {
			add(agencyId, null, 'mention', `${author} nhắc đến ${dir.agencyNames.get(agencyId) ?? 'đơn vị'} trong bình luận tại ${task}`);
		}
		const collective = new Set(dir.agencies.filter((a) => a.isCollective).map((a) => a.id));
		const involved = [...new Set([...p.lead, ...p.support])].filter((a) => dir.agencyNames.has(a) && !collective.has(a));
		for (const agencyId of involved) {
			if (agencyIds.includes(agencyId)) continue; // the mention says it already
			add(agencyId, null, 'comment', `${author} bình luận tại ${task}${p.title ? `: ${p.title.slice(0, 120)}` : ''}`);
		}
	}

	private mailMessages(): number {
		const messages = this.st.unmailed.all(BATCH) as MessageRow[];
		if (messages.length === 0) return 0;
		const tx = this.sqlite.transaction((m: MessageRow) => {
			const now = this.options.clock.now();
			const at = now.toISOString();
			if (this.st.claimMessage.run(at, m.id).changes !== 1) return false;
			if (!this.options.mailEnabled) return true;
			const type = KIND_TYPE[m.kind] ?? 'reminder';
			const recipients = (m.user_id ? [this.st.userRecipient.get(m.user_id)].filter(Boolean) : this.st.agencyRecipients.all(m.agency_id)) as {
				id: string;
				email: string | null;
			}[];
			const sendAt = new Date(now.getTime() + this.options.coalesceMs).toISOString();
			for (const r of recipients) {
				if (r.id === m.sender_id || !r.email) continue;
				const mode = readPreferences(this.sqlite, r.id)[type];
				if (mode === 'none') continue;
				this.st.insertItem.run(r.id, m.id, type, mode, at);
				if (mode === 'immediate') this.st.openMail.run(r.id, sendAt, sendAt, at);
			}
			return true;
		}).immediate;
		for (const m of messages) {
			try {
				if (tx(m)) this.options.bus.changed(m.user_id ? { userId: m.user_id } : { agencyId: m.agency_id });
			} catch (err) {
				console.error(`notifications: message ${m.id} could not be queued for e-mail (${String(err)})`);
			}
		}
		return messages.length;
	}
}
