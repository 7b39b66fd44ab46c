/** The sync server's refusals, shown in English when the interface is English. */
import { describe, expect, it } from 'vitest';
import { syncRefusal } from '../../../src/lib/i18n/sync-refusals.js';

describe('sync refusals in the interface language', () => {
	it('a permission refusal is translated whole', () => {
		expect(syncRefusal('en', 'Chỉ đơn vị chủ trì được cập nhật tiến độ nhiệm vụ')).toBe('Only the lead agency may update the progress of this task');
	});

	it('a structural refusal is worded by its code in parentheses', () => {
		expect(syncRefusal('en', 'Cập nhật không hợp lệ, đã bị từ chối (overlap)')).toBe('The update is invalid and was refused (overlap)');
	});

	it('Vietnamese is shown as the server sent it, and an unknown sentence too', () => {
		expect(syncRefusal('vi', 'Thẻ không tồn tại')).toBe('Thẻ không tồn tại');
		expect(syncRefusal('en', 'Một lý do mới')).toBe('Một lý do mới');
	});
});
