/** How the preview says what a deadline was understood as. */
import { formatDate } from '$lib/core/dates.js';
import type { PreviewTask } from './import-types.js';

export function deadlineUnderstood(deadline: PreviewTask['deadline']): string {
	const date = formatDate(deadline.due);
	switch (deadline.kind) {
		case 'quarter':
		case 'year':
		case 'date':
			return `hạn ${date}`;
		case 'recurring':
			return 'thường xuyên, không có hạn cuối';
		case 'done':
			return 'đã thực hiện khi ban hành';
		default:
			return deadline.raw ? 'chưa hiểu — cần kiểm tra' : 'không có thời hạn';
	}
}
