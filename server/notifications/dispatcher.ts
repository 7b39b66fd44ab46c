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
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { newId } from '../../src/lib/core/ids.js';
import { note, type Note } from '../../src/lib/core/api/notes.js';
import { storedText } from '../inbox/inbox-text.js';
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

interface EventRow {
	id: number;
	type: string;
	board_id: string | null;
	actor_id: string | null;
	payload_json: string;
}

type Directory = MentionDirectory & { names: Map<string, string>; agencyNames: Map<string, string> };

export interface DispatcherOptions {
	mailEnabled: boolean;
	coalesceMs: number;
	clock: Clock;
	bus: InboxBus;
}

export class Dispatcher {
	constructor(
		private db: DB,
		private options: DispatcherOptions
	) {}

	/** Runs both steps until nothing is left (bounded per call); returns how many rows were handled. */
	async run(): Promise<number> {
		let n = 0;
		for (let i = 0; i < 10; i++) {
			const done = (await this.dispatchEvents()) + (await this.mailMessages());
			n += done;
			if (done === 0) break;
		}
		return n;
	}

	/** Who can be mentioned on a board: the people and agencies of the board's organization only. */
	private async directory(boardId: string | null): Promise<Directory> {
		const board = boardId ? await this.db.selectFrom('boards').select('org_id').where('id', '=', boardId).executeTakeFirst() : undefined;
		const orgId = board?.org_id ?? '';
		// The mention directory of one organization: its members (with their agency there) and agencies.
		const users = await this.db
			.selectFrom('memberships')
			.innerJoin('users', 'users.id', 'memberships.user_id')
			.select(['users.id', 'users.username', 'users.display_name', 'memberships.agency_id'])
			.where('memberships.org_id', '=', orgId)
			.where('users.active', '=', 1)
			.execute();
		const agencies = await this.db.selectFrom('agencies').select(['id', 'name', 'short_name', 'is_collective']).where('org_id', '=', orgId).execute();
		return {
			users: users.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, agencyId: u.agency_id })),
			agencies: agencies.map((a) => ({ id: a.id, shortName: a.short_name, name: a.name, isCollective: a.is_collective === 1 })),
			names: new Map(users.map((u) => [u.id, u.display_name])),
			agencyNames: new Map(agencies.map((a) => [a.id, a.name]))
		};
	}

	private async dispatchEvents(): Promise<number> {
		const events: EventRow[] = await this.db
			.selectFrom('notification_events')
			.select(['id', 'type', 'board_id', 'actor_id', 'payload_json'])
			.where('dispatched_at', 'is', null)
			.orderBy('id')
			.limit(BATCH)
			.execute();
		if (events.length === 0) return 0;
		const dirs = new Map<string | null, Directory>();
		const dirOf = async (boardId: string | null) => {
			if (!dirs.has(boardId)) dirs.set(boardId, await this.directory(boardId));
			return dirs.get(boardId)!;
		};
		for (const e of events) {
			try {
				const dir = e.type === 'comment' ? await dirOf(e.board_id) : null;
				await this.db.transaction().execute(async (trx) => {
					const now = this.options.clock.now().toISOString();
					const claimed = await trx
						.updateTable('notification_events')
						.set({ dispatched_at: now })
						.where('id', '=', e.id)
						.where('dispatched_at', 'is', null)
						.executeTakeFirst();
					if (Number(claimed.numUpdatedRows) !== 1) return;
					if (e.type === 'comment' && dir) await this.commentMessages(trx, e.board_id, JSON.parse(e.payload_json) as CommentEventPayload, dir, now);
					if (e.type === 'handler' && e.board_id) {
						const p = JSON.parse(e.payload_json) as HandlerEventPayload;
						if (p.userId !== e.actor_id) {
							await notifyHandlerAssigned(trx, {
								boardId: e.board_id,
								cardId: p.cardId,
								code: p.code,
								userId: p.userId,
								assignedBy: e.actor_id,
								at: now
							});
						}
					}
				});
			} catch (err) {
				console.error(`notifications: event ${e.id} could not be dispatched (${String(err)})`);
			}
		}
		return events.length;
	}

	private async commentMessages(trx: Kysely<Database>, boardId: string | null, p: CommentEventPayload, dir: Directory, now: string): Promise<void> {
		const author = (p.authorId && dir.names.get(p.authorId)) || note('someone');
		const body = p.body.length > MAX_BODY ? `${p.body.slice(0, MAX_BODY)}…` : p.body;
		const cards = JSON.stringify([p.cardId]);
		const task = p.code ? note('task_code', { code: p.code }) : note('task_any');
		// The title is a note the reader's interface words; the body is the comment itself.
		const messages: { agency_id: string; user_id: string | null; kind: string; title: Note }[] = [];
		const add = (agencyId: string, userId: string | null, kind: string, title: Note) =>
			messages.push({ agency_id: agencyId, user_id: userId, kind, title });

		const { userIds, agencyIds } = findMentions(p.body, dir);
		for (const userId of userIds) {
			if (userId === p.authorId) continue;
			const agencyId = dir.users.find((u) => u.id === userId)?.agencyId ?? '';
			add(agencyId, userId, 'mention', note('inbox_mention_you_title', { author, task }));
		}
		for (const agencyId of agencyIds) {
			add(
				agencyId,
				null,
				'mention',
				note('inbox_mention_agency_title', { author, agency: dir.agencyNames.get(agencyId) ?? note('your_agency'), task })
			);
		}
		const collective = new Set(dir.agencies.filter((a) => a.isCollective).map((a) => a.id));
		const involved = [...new Set([...p.lead, ...p.support])].filter((a) => dir.agencyNames.has(a) && !collective.has(a));
		for (const agencyId of involved) {
			if (agencyIds.includes(agencyId)) continue; // the mention says it already
			add(
				agencyId,
				null,
				'comment',
				p.title ? note('inbox_comment_title_named', { author, task, title: p.title.slice(0, 120) }) : note('inbox_comment_title', { author, task })
			);
		}
		if (messages.length === 0) return;
		await trx
			.insertInto('inbox_messages')
			.values(
				messages.map(({ title, ...m }) => ({
					id: newId(),
					...m,
					...storedText({ title }, body),
					board_id: boardId,
					card_ids_json: cards,
					sender_id: p.authorId,
					created_at: now
				}))
			)
			.execute();
	}

	private async mailMessages(): Promise<number> {
		const messages: MessageRow[] = await this.db
			.selectFrom('inbox_messages')
			.select(['id', 'agency_id', 'user_id', 'kind', 'sender_id'])
			.where('mailed_at', 'is', null)
			.orderBy('created_at')
			.orderBy('id')
			.limit(BATCH)
			.execute();
		if (messages.length === 0) return 0;
		for (const m of messages) {
			try {
				if (await this.db.transaction().execute((trx) => this.mailOne(trx, m))) {
					this.options.bus.changed(m.user_id ? { userId: m.user_id } : { agencyId: m.agency_id });
				}
			} catch (err) {
				console.error(`notifications: message ${m.id} could not be queued for e-mail (${String(err)})`);
			}
		}
		return messages.length;
	}

	/** Claims one message and queues its e-mails; false when another node claimed it first. */
	private async mailOne(trx: Kysely<Database>, m: MessageRow): Promise<boolean> {
		const now = this.options.clock.now();
		const at = now.toISOString();
		const claimed = await trx
			.updateTable('inbox_messages')
			.set({ mailed_at: at })
			.where('id', '=', m.id)
			.where('mailed_at', 'is', null)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) !== 1) return false;
		if (!this.options.mailEnabled) return true;
		const type = KIND_TYPE[m.kind] ?? 'reminder';
		const recipients = m.user_id
			? await trx.selectFrom('users').select(['id', 'email']).where('id', '=', m.user_id).where('active', '=', 1).execute()
			: await trx
					.selectFrom('memberships')
					.innerJoin('users', 'users.id', 'memberships.user_id')
					.select(['users.id', 'users.email'])
					.where('memberships.agency_id', '=', m.agency_id)
					.where('users.active', '=', 1)
					.execute();
		const sendAt = new Date(now.getTime() + this.options.coalesceMs).toISOString();
		for (const r of recipients) {
			if (r.id === m.sender_id || !r.email) continue;
			const mode = (await readPreferences(trx, r.id))[type];
			if (mode === 'none') continue;
			await trx
				.insertInto('mail_items')
				.values({ user_id: r.id, message_id: m.id, type, mode, created_at: at })
				.onConflict((oc) => oc.columns(['user_id', 'message_id']).doNothing())
				.execute();
			if (mode === 'immediate') {
				// At most one open immediate mail per person (a partial unique index): later events join it.
				await trx
					.insertInto('mail_outbox')
					.values({ user_id: r.id, kind: 'immediate', send_at: sendAt, next_attempt_at: sendAt, created_at: at })
					.onConflict((oc) => oc.doNothing())
					.execute();
			}
		}
		return true;
	}
}
