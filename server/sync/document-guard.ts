/**
 * The permission hook of the sync server: decides, before an update is applied, stored or relayed,
 * whether this user may write every slot it touches (rules in src/lib/core/permissions.ts), and
 * says which cards and fields it changes (for the activity log).
 */
import * as Y from 'yjs';
import { CARD, cardsMap } from '../../src/lib/core/board-doc.js';
import {
	cardAbilities,
	isBoardManager,
	isReadOnlyRole,
	mayChangeComment,
	type Subject
} from '../../src/lib/core/permissions.js';
import { decodeTouches, keyAt, type Segment, type Touch } from './update-paths.js';
import type { ActivityRow } from './update-log.js';

export type Verdict = { ok: true; activity: ActivityRow[] } | { ok: false; reason: string };

export interface GuardContext {
	subject: Subject;
	isCollective: (agencyId: string) => boolean;
}

/** Card fields an agency leading the card may write (its work on the task). */
const WORK_FIELDS = new Set<string>([
	CARD.status,
	CARD.progress,
	CARD.completedAt,
	CARD.result,
	CARD.order,
	CARD.updatedAt,
	CARD.updatedBy,
	'checklist'
]);

/** Fields whose new value is worth recording in the activity detail. */
const DETAIL_FIELDS = new Set<string>([CARD.status, CARD.progress]);

function firstContent(item: Y.Item | null): unknown {
	if (!item) return undefined;
	try {
		return item.content.getContent()[0];
	} catch {
		return undefined;
	}
}

function commentAuthor(doc: Y.Doc, element: Segment | undefined): string | null {
	if (!element || !('element' in element)) return null;
	if (Y.getState(doc.store, element.element.client) <= element.element.clock) return null;
	const it = Y.getItem(doc.store, element.element);
	if (!(it instanceof Y.Item) || !(it.content instanceof Y.ContentType)) return null;
	const map = it.content.type;
	return map instanceof Y.Map ? ((map.get('authorId') as string | undefined) ?? null) : null;
}

function checkTouch(doc: Y.Doc, ctx: GuardContext, t: Touch): string | null {
	const { subject } = ctx;
	const manager = isBoardManager(subject.role);
	const path = t.path;
	if (!path) return manager ? null : 'Không xác định được nội dung cập nhật';
	const root = keyAt(path, 0);
	if (root !== 'cards') return manager ? null : 'Chỉ thường trực hoặc thư ký được sửa cấu trúc bảng';
	const cardId = keyAt(path, 1);
	const field = keyAt(path, 2);
	if (!cardId || !field) return manager ? null : 'Chỉ thường trực hoặc thư ký được thêm hoặc xoá thẻ';

	if (field === CARD.comments && path.length >= 4) {
		if (path.length === 4) {
			if (t.kind === 'delete') return subject.role === 'admin' ? null : 'Không được xoá bình luận';
		} else {
			const key = keyAt(path, 4) ?? '';
			if (t.parentIsNew) {
				// A new comment: it must be written in the sender's own name and agency.
				if (key === 'authorId' && firstContent(t.item) !== subject.id) return 'Bình luận phải mang tên người gửi';
				if (key === 'agencyId' && (firstContent(t.item) ?? null) !== subject.agencyId)
					return 'Bình luận phải mang đơn vị của người gửi';
			} else {
				const author = commentAuthor(doc, path[3]);
				if (author === null || !mayChangeComment(subject, author, key)) return 'Không được sửa bình luận của người khác';
				return null;
			}
		}
	}

	const card = cardsMap(doc).get(cardId);
	if (!card) return manager ? null : 'Thẻ không tồn tại';
	const agencies = {
		lead: (card.get(CARD.lead) as Y.Array<string> | undefined)?.toArray() ?? [],
		support: (card.get(CARD.support) as Y.Array<string> | undefined)?.toArray() ?? []
	};
	const can = cardAbilities(subject, agencies, ctx.isCollective);
	if (field === CARD.comments) return can.comment ? null : 'Đơn vị của bạn không tham gia nhiệm vụ này';
	if (field === CARD.attachments) return manager ? null : 'Tệp đính kèm được tải lên qua máy chủ';
	if (WORK_FIELDS.has(field)) return can.work ? null : 'Chỉ đơn vị chủ trì được cập nhật tiến độ nhiệm vụ';
	return can.structure ? null : 'Chỉ thường trực hoặc thư ký được sửa thông tin giao việc';
}

/** Checks an incoming update. Throws on an update that cannot be decoded (the caller closes 4400). */
export function checkUpdate(doc: Y.Doc, ctx: GuardContext, update: Uint8Array): Verdict {
	if (isReadOnlyRole(ctx.subject.role)) return { ok: false, reason: 'Tài khoản chỉ có quyền xem' };
	const { touches } = decodeTouches(doc, update);
	const seen = new Set<string>();
	const activity: ActivityRow[] = [];
	for (const t of touches) {
		const reason = checkTouch(doc, ctx, t);
		if (reason) return { ok: false, reason };
		if (!t.path || keyAt(t.path, 0) !== 'cards') continue;
		const cardId = keyAt(t.path, 1);
		let field = keyAt(t.path, 2) ?? (t.kind === 'insert' ? 'create' : 'delete');
		if (field === CARD.updatedAt || field === CARD.updatedBy || field === CARD.completedAt) continue;
		if (field === CARD.comments && t.kind === 'insert' && t.path.length > 4) continue; // counted once, as the comment
		if (field === CARD.comments && t.kind === 'insert') field = 'comment';
		const k = `${cardId}\u0000${field}`;
		if (seen.has(k)) continue;
		seen.add(k);
		const detail = DETAIL_FIELDS.has(field) && t.kind === 'insert' ? String(firstContent(t.item)) : null;
		activity.push({ cardId, field, detail });
	}
	return { ok: true, activity };
}
