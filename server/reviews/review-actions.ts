/**
 * What a review meeting does beyond its own record: opening builds the agenda from the live board;
 * recording a card's conclusion writes the decision, the new deadline and a minuted comment to the
 * card (attributed to the facilitator, synced to everyone) and sends a follow-up to the agency's
 * inbox; closing freezes a snapshot of the board.
 */
import type { DB } from '../db/database.js';
import type { SessionUser } from '../context.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { todayInVietnam } from '../boards/today.js';
import { addComment, cardsMap, readCard, setStatus } from '../../src/lib/core/board-doc.js';
import { extendDeadline } from '../../src/lib/core/board-review.js';
import { formatDate, quarterLabel } from '../../src/lib/core/dates.js';
import type { ReviewRecordInput } from '../../src/lib/review/review-types.js';
import { statusLabel } from '../reports/labels.js';
import { liveSummary, takeSnapshot } from '../snapshots/snapshot-store.js';
import { sendMessage } from '../inbox/inbox-store.js';
import type { InboxText } from '../inbox/inbox-text.js';
import { note } from '../../src/lib/core/api/notes.js';
import { buildAgenda } from './agenda.js';
import { insertSession, itemRow, markClosed, saveRecord, sessionRow } from './review-store.js';

export function reviewLabel(year: number, quarter: number): string {
	return `Quý ${quarterLabel({ year, quarter })}`;
}

export async function openReview(
	db: DB,
	sync: SyncServer,
	boardId: string,
	user: SessionUser,
	opts: { year: number; quarter: number; title?: string }
): Promise<string> {
	const asOf = todayInVietnam();
	const summary = await liveSummary(db, sync, boardId, asOf);
	const agenda = buildAgenda(summary.cards, summary.sections, opts, asOf, (id) => summary.agencies[id]?.name ?? id);
	const byId = new Map(summary.cards.map((c) => [c.id, c]));
	return insertSession(db, {
		boardId,
		year: opts.year,
		quarter: opts.quarter,
		title: opts.title?.trim() || `Rà soát ${reviewLabel(opts.year, opts.quarter)}`,
		facilitatorId: user.id,
		asOf,
		agenda: agenda.map((e) => {
			const c = byId.get(e.cardId)!;
			return { ...e, code: c.code, title: c.title, status: c.status };
		})
	});
}

/** The comment that carries a conclusion onto the card, so it stays with the task after the meeting. */
export function minutedComment(label: string, input: ReviewRecordInput, followUpAgency: string | null): string {
	const lines = [`[Phiên rà soát ${label}]`];
	if (input.conclusion) lines.push(`Kết luận: ${input.conclusion}`);
	if (input.decision) lines.push(`Quyết định: chuyển trạng thái "${statusLabel(input.decision)}".`);
	if (input.followUp || input.followUpDue) {
		const who = followUpAgency ? `Giao ${followUpAgency}` : 'Giao việc';
		const due = input.followUpDue ? ` — hạn ${formatDate(input.followUpDue)}` : '';
		lines.push(`${who}: ${input.followUp || 'tiếp tục thực hiện'}${due}.`);
	}
	return lines.join('\n');
}

export async function recordItem(
	db: DB,
	sync: SyncServer,
	sessionId: string,
	itemId: string,
	user: SessionUser,
	input: ReviewRecordInput
): Promise<void> {
	const session = (await sessionRow(db, sessionId))!;
	const item = await itemRow(db, sessionId, itemId);
	if (!item) throw new ApiError(404, 'agenda_item_not_found');
	const agency = input.followUpAgencyId
		? await db
				.selectFrom('agencies')
				.select(['id', 'name'])
				.where('id', '=', input.followUpAgencyId)
				.where('org_id', '=', user.orgId)
				.executeTakeFirst()
		: null;
	if (input.followUpAgencyId && !agency) throw new ApiError(400, 'bad_agency');

	const boardId = session.board_id;
	const cardId = item.card_id;
	const card = await sync.rooms.withRoom(boardId, (room) => {
		const m = cardsMap(room.doc).get(cardId);
		return m ? readCard(cardId, m) : null;
	});
	if (!card) throw new ApiError(404, 'card_gone');

	const actor = { userId: user.id, agencyId: user.agencyId };
	const label = reviewLabel(session.year, session.quarter);
	if (input.decision && input.decision !== card.status) {
		await sync.change(boardId, user.id, cardId, 'status', (room) => setStatus(room.doc, cardId, input.decision!, actor));
	}
	if (input.followUpDue && input.followUpDue !== card.deadline.due) {
		await sync.change(boardId, user.id, cardId, 'deadline', (room) => extendDeadline(room.doc, cardId, input.followUpDue!, actor));
	}
	const before = {
		conclusion: item.conclusion,
		decision: item.decision as ReviewRecordInput['decision'],
		followUp: item.follow_up,
		followUpAgencyId: item.follow_up_agency_id,
		followUpDue: item.follow_up_due
	};
	const changed = (Object.keys(before) as (keyof ReviewRecordInput)[]).some((k) => input[k] !== before[k]);
	const saysSomething = !!(input.conclusion || input.decision || input.followUp || input.followUpDue);
	// Saving the same record again (a second click) does not repeat the comment on the card.
	if (changed && saysSomething) {
		const note = minutedComment(label, input, agency?.name ?? null);
		await sync.change(boardId, user.id, cardId, 'comment', (room) => addComment(room.doc, cardId, { body: note }, actor));
	}
	const followUpChanged =
		input.followUp !== before.followUp || input.followUpAgencyId !== before.followUpAgencyId || input.followUpDue !== before.followUpDue;
	if (agency && followUpChanged) {
		await sendMessage(db, {
			agencyId: agency.id,
			boardId,
			kind: 'follow-up',
			text: followUpText(session, agency.name, card, input),
			cardIds: [cardId],
			senderId: user.id
		});
	}
	await saveRecord(db, itemId, { ...input, code: card.code, title: card.title }, user.id);
}

/** The follow-up a conclusion sends to the agency's inbox, as notes (the agency reads them in its language). */
function followUpText(
	session: { year: number; quarter: number },
	agency: string,
	card: { code: string; title: string },
	input: ReviewRecordInput
): InboxText {
	const quarter = quarterLabel({ year: session.year, quarter: session.quarter });
	const task = input.followUp || note('inbox_keep_going');
	const lines = [
		...(input.conclusion ? [note('inbox_conclusion', { text: input.conclusion })] : []),
		input.followUpDue ? note('inbox_assigned_due', { task, due: formatDate(input.followUpDue) }) : note('inbox_assigned', { task })
	];
	return {
		title: note('inbox_follow_up_title', { code: card.code, quarter }),
		body: note('inbox_follow_up_body', { agency, quarter, code: card.code, title: card.title, lines })
	};
}

export async function closeReview(db: DB, sync: SyncServer, sessionId: string, user: SessionUser): Promise<string> {
	const session = (await sessionRow(db, sessionId))!;
	const now = new Date();
	const snapshot = await takeSnapshot(db, sync, session.board_id, {
		name: `${session.title} (${formatDate(todayInVietnam(now))})`,
		kind: 'review',
		reviewId: sessionId,
		takenBy: user.id,
		now
	});
	await markClosed(db, sessionId, snapshot.id, now);
	return snapshot.id;
}
