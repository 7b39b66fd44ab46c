/**
 * The standing office's list of late agencies: every agency leading a task that is open and past its
 * deadline, with those tasks. Collectives ("Các sở, ngành, địa phương") have no inbox and no one
 * answerable, so they are left out. The reminder text is built here too (đôn đốc).
 */
import type { BoardSummary } from '../../src/lib/review/board-summary.js';
import { formatDate } from '../../src/lib/core/dates.js';
import type { LateAgency, LateTask } from '../../src/lib/review/api-types.js';

export type { LateAgency, LateTask };

export function lateAgencies(summary: BoardSummary, reminded: Map<string, string> = new Map()): LateAgency[] {
	const by = new Map<string, LateTask[]>();
	for (const c of summary.cards) {
		if (c.category !== 'openOverdue') continue;
		for (const agencyId of c.lead) {
			if (summary.agencies[agencyId]?.isCollective) continue;
			const list = by.get(agencyId) ?? [];
			list.push({ id: c.id, code: c.code, title: c.title, due: c.deadline.due, deadlineRaw: c.deadline.raw });
			by.set(agencyId, list);
		}
	}
	return [...by.entries()]
		.map(([agencyId, tasks]) => ({
			agencyId,
			name: summary.agencies[agencyId]?.name ?? agencyId,
			tasks,
			lastRemindedAt: reminded.get(agencyId) ?? null
		}))
		.sort((a, b) => b.tasks.length - a.tasks.length || a.name.localeCompare(b.name, 'vi'));
}

export function reminderText(boardTitle: string, late: LateAgency, asOf: string): { title: string; body: string } {
	const lines = late.tasks.map((t) => `- ${t.code}. ${t.title} (thời hạn: ${t.deadlineRaw || formatDate(t.due)})`);
	return {
		title: `Đôn đốc thực hiện ${late.tasks.length} nhiệm vụ quá hạn`,
		body: [
			`Kính gửi: ${late.name}.`,
			`Tính đến ngày ${formatDate(asOf)}, theo "${boardTitle}", đơn vị đang chủ trì ${late.tasks.length} nhiệm vụ đã quá thời hạn hoàn thành:`,
			...lines,
			'Thường trực Ban Chỉ đạo đề nghị đơn vị khẩn trương thực hiện, cập nhật tiến độ, kết quả thực hiện và báo cáo khó khăn, vướng mắc (nếu có) trên hệ thống.'
		].join('\n')
	};
}
