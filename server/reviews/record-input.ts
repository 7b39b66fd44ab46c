/** Reads and checks what a facilitator records for a card (the body of POST /api/reviews/:id/items/:itemId). */
import { isStatus } from '../../src/lib/core/board-types.js';
import { isoDate } from '../../src/lib/core/deadline.js';
import type { ReviewRecordInput } from '../../src/lib/review/review-types.js';
import { ApiError } from '../http-error.js';

function text(v: unknown, max: number, what: string): string {
	if (v === undefined || v === null) return '';
	if (typeof v !== 'string') throw new ApiError(400, 'bad_input', `${what} phải là văn bản`);
	const s = v.normalize('NFC').trim();
	if (s.length > max) throw new ApiError(400, 'too_long', `${what} quá dài (tối đa ${max} ký tự)`);
	return s;
}

export function parseRecordInput(body: Record<string, unknown>): ReviewRecordInput {
	const decision = body.decision ?? null;
	if (decision !== null && !isStatus(decision)) throw new ApiError(400, 'bad_status', 'Quyết định trạng thái không hợp lệ');
	const due = body.followUpDue ?? null;
	let followUpDue: string | null = null;
	if (due !== null && due !== '') {
		const m = typeof due === 'string' ? due.match(/^(\d{4})-(\d{2})-(\d{2})$/) : null;
		followUpDue = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
		if (!followUpDue) throw new ApiError(400, 'bad_date', 'Hạn mới phải là một ngày hợp lệ (YYYY-MM-DD)');
	}
	const agency = body.followUpAgencyId ?? null;
	if (agency !== null && typeof agency !== 'string') throw new ApiError(400, 'bad_agency', 'Đơn vị được giao không hợp lệ');
	return {
		conclusion: text(body.conclusion, 4000, 'Kết luận'),
		decision,
		followUp: text(body.followUp, 2000, 'Nội dung giao việc'),
		followUpAgencyId: agency || null,
		followUpDue
	};
}
