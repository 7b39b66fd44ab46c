/**
 * The minutes (biên bản) of a closed review session as a DOCX: when and who attended, each card's
 * conclusion, the status decisions, the follow-ups with their new deadlines, and the board's
 * category counts in the snapshot the close froze.
 */
import type { FileChild } from 'docx';
import type { ReviewSession } from '../../src/lib/review/review-types.js';
import type { SummaryPlan } from '../../src/lib/review/board-summary.js';
import type { SnapshotMeta } from '../snapshots/snapshot-store.js';
import { formatDate, formatDateTime, localDate } from '../../src/lib/core/dates.js';
import { categoryLabel, DEADLINE_CATEGORIES, statusLabel } from '../reports/labels.js';
import { dataTable, nationalHeading, para, renderDocx, titleBlock, twoSignatures } from '../reports/docx-layout.js';
import { reviewLabel } from './review-actions.js';

export function meetingMinutes(session: ReviewSession): number {
	if (!session.startedAt) return 0;
	const end = session.closedAt ? new Date(session.closedAt) : new Date(session.serverNow);
	return Math.round((end.getTime() - new Date(session.startedAt).getTime()) / 60_000);
}

export async function minutesDocx(session: ReviewSession, plan: SummaryPlan, snapshot: SnapshotMeta | null): Promise<Buffer> {
	const label = reviewLabel(session.year, session.quarter);
	const closed = session.closedAt ?? session.serverNow;
	const discussed = session.items.filter((i) => i.recordedAt);
	const notDiscussed = session.items.filter((i) => !i.recordedAt);
	const decisions = discussed.filter((i) => i.decision && i.decision !== i.statusBefore);
	const followUps = discussed.filter((i) => i.followUp || i.followUpDue);
	const children: FileChild[] = [
		nationalHeading({
			issuer: plan.issuer ?? 'Ban Chỉ đạo kinh tế tập thể',
			number: 'Số:        /BB-BCĐ',
			place: plan.place,
			date: localDate(closed)
		}),
		...titleBlock('BIÊN BẢN', [`Phiên rà soát tiến độ thực hiện nhiệm vụ ${label}`]),
		para(`(${session.boardTitle})`, { align: 'center', italic: true, after: 12 }),
		para('I. THỜI GIAN, THÀNH PHẦN', { bold: true }),
		para(
			session.startedAt
				? `Thời gian: từ ${formatDateTime(session.startedAt)} đến ${formatDateTime(closed)} (${meetingMinutes(session)} phút).`
				: `Thời gian: ${formatDateTime(closed)}.`,
			{ indent: 28 }
		),
		para(`Thư ký, điều hành phiên họp: ${session.facilitatorName}.`, { indent: 28 }),
		para(`Thành phần tham dự: ${session.attendees.length} người.`, { indent: 28, after: 0 }),
		...session.attendees.map((a) => para(`- ${a.name}${a.agencyName ? ` (${a.agencyName})` : ''}.`, { indent: 28, after: 0 })),
		para('II. NỘI DUNG VÀ KẾT LUẬN TỪNG NHIỆM VỤ', { bold: true, before: 12 }),
		para(`Phiên họp đã xem xét ${discussed.length}/${session.items.length} nhiệm vụ trong chương trình, kết luận như sau:`, { indent: 28 }),
		dataTable(
			[
				// The task is the longest text of a row: it gets the widest column.
				{ header: 'STT', width: 5, align: 'center' },
				{ header: 'Nhiệm vụ', width: 33 },
				{ header: 'Cơ quan chủ trì', width: 14 },
				{ header: 'Kết luận', width: 24 },
				{ header: 'Quyết định', width: 10, align: 'center' },
				{ header: 'Giao việc, hạn mới', width: 14 }
			],
			discussed.map((i, n) => ({
				cells: [
					String(n + 1),
					`${i.code}. ${i.title}`,
					i.agencyName ?? '',
					i.conclusion || '(không ghi kết luận)',
					i.decision ? statusLabel(i.decision) : '',
					[i.followUpAgencyName, i.followUp, i.followUpDue ? `Hạn: ${formatDate(i.followUpDue)}` : ''].filter(Boolean).join('\n')
				]
			})),
			11
		),
		...(notDiscussed.length
			? [para(`Các nhiệm vụ chưa xem xét (${notDiscussed.length}): ${notDiscussed.map((i) => i.code).join(', ')}.`, { indent: 28, before: 6 })]
			: []),
		para('III. QUYẾT ĐỊNH VÀ GIAO VIỆC', { bold: true, before: 12 }),
		para(`1. Quyết định về trạng thái (${decisions.length}):`, { indent: 28, after: 0 }),
		...(decisions.length
			? decisions.map((i) => para(`- ${i.code}: từ "${statusLabel(i.statusBefore)}" chuyển "${statusLabel(i.decision!)}".`, { indent: 28, after: 0 }))
			: [para('- Không có.', { indent: 28, after: 0 })]),
		para(`2. Giao việc (${followUps.length}):`, { indent: 28, after: 0, before: 6 }),
		...(followUps.length
			? followUps.map((i) =>
					para(
						`- ${i.code}: ${i.followUpAgencyName ? `${i.followUpAgencyName} ` : ''}${i.followUp || 'tiếp tục thực hiện'}${i.followUpDue ? `, hạn ${formatDate(i.followUpDue)}` : ''}.`,
						{ indent: 28, after: 0 }
					)
				)
			: [para('- Không có.', { indent: 28, after: 0 })])
	];
	if (snapshot) {
		children.push(
			para('IV. TÌNH HÌNH CHUNG KHI KẾT THÚC PHIÊN HỌP', { bold: true, before: 12 }),
			para(`Ảnh chụp bảng "${snapshot.name}" (tính đến ngày ${formatDate(snapshot.asOf)}):`, { indent: 28, after: 0 }),
			...DEADLINE_CATEGORIES.map((c) => para(`- ${categoryLabel(c)}: ${snapshot.counts[c]} nhiệm vụ.`, { indent: 28, after: 0 }))
		);
	}
	children.push(
		para('Phiên họp kết thúc vào hồi ' + formatDateTime(closed).slice(11) + ' cùng ngày.', { indent: 28, before: 12, keepNext: true }),
		twoSignatures({ title: 'THƯ KÝ', name: session.facilitatorName }, { title: 'CHỦ TRÌ', name: null })
	);
	return renderDocx(children, { title: `Biên bản phiên rà soát ${label}` });
}
