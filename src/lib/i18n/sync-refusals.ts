/**
 * The refusal of a board update, in the interface language: the part of the message catalogue the
 * sync server's "permission denied" reasons and the Excel round trip's refusals are read from. The
 * server sends a code (src/lib/core/sync-refusal-codes.ts: `code`, or `update_invalid:<rule>` on the
 * wire; `{ code, params }` in the round trip's answers); anything that is not a known code is shown
 * as a refusal without a reason (`refused`). docs/sync.md lists the codes.
 */
import { readRefusal, type RefusalCode } from '../core/sync-refusal-codes.js';
import type { ErrorLocale } from './errors.js';
import { format } from './format.js';

type RefusalMessageKey = RefusalCode | 'refused';

const vi: Record<RefusalMessageKey, string> = {
	// The permission and schema guard (server/sync/document-guard.ts)
	read_only: 'Tài khoản chỉ có quyền xem',
	assignment_managers_only: 'Chỉ thường trực hoặc thư ký được sửa thông tin giao việc',
	board_managers_only: 'Chỉ thường trực hoặc thư ký được sửa cấu trúc bảng',
	work_lead_only: 'Chỉ đơn vị chủ trì được cập nhật tiến độ nhiệm vụ',
	comment_not_involved: 'Đơn vị của bạn không tham gia nhiệm vụ này',
	comment_not_yours: 'Không được sửa bình luận của người khác',
	comment_author: 'Bình luận phải mang tên và đơn vị của người gửi',
	comment_removed: 'Bình luận không bị xoá khỏi bảng, chỉ được ẩn',
	attachments_server_only: 'Tệp đính kèm được tải lên qua máy chủ',
	card_missing: 'Thẻ không tồn tại',
	schema_mismatch: 'Nội dung cập nhật không đúng cấu trúc bảng',
	too_long: 'Nội dung quá dài',
	signed_by_other: 'Người cập nhật phải là chính người gửi',
	comment_id_taken: 'Mã bình luận đã tồn tại',
	agency_missing: 'Đơn vị không tồn tại',
	section_missing: 'Phần của kế hoạch không tồn tại',
	required_missing: 'Thiếu thông tin bắt buộc',
	handler_not_lead: 'Cán bộ phụ trách phải thuộc đơn vị chủ trì (chuyên viên chỉ giao cho người của đơn vị mình)',
	checklist_exists: 'Danh sách bước đã có, không được thay cả danh sách',
	step_id_taken: 'Mã bước đã tồn tại',
	archive_managers_only: 'Chỉ thường trực hoặc thư ký được lưu trữ nhiệm vụ, với tên của chính mình',
	labels_managers_only: 'Chỉ thường trực hoặc thư ký được sửa bộ nhãn của bảng',
	label_missing: 'Nhãn không tồn tại trên bảng này',
	too_many_labels: 'Bảng đã có đủ số nhãn tối đa',
	// The room (server/sync/room.ts): a structural rule broken, a board being reloaded, a failed update
	update_invalid: 'Cập nhật không hợp lệ, đã bị từ chối ({rule})',
	board_reloading: 'Bảng đang được tải lại, vui lòng thử lại',
	update_quarantined: 'Cập nhật không áp dụng được, đã được cách ly',
	// The Excel round trip (server/roundtrip)
	roundtrip_not_allowed: 'Không được phép',
	roundtrip_choose_agency: 'Hãy chọn đơn vị đã gửi tệp',
	roundtrip_stale: 'Nhiệm vụ đã được cập nhật trên bảng sau khi xem trước; hãy tải tệp lên lại để xem thay đổi mới',
	// Only in the browser: a reason that is not a known code (an older or newer server)
	refused: 'Thay đổi bị từ chối'
};

const en: Record<RefusalMessageKey, string> = {
	read_only: 'This account may only view',
	assignment_managers_only: 'Only the standing office or the facilitator may change the assignment',
	board_managers_only: 'Only the standing office or the facilitator may change the board structure',
	work_lead_only: 'Only the lead agency may update the progress of this task',
	comment_not_involved: 'Your agency does not take part in this task',
	comment_not_yours: "You may not edit someone else's comment",
	comment_author: "A comment must carry its sender's name and agency",
	comment_removed: 'Comments are not deleted from the board, only hidden',
	attachments_server_only: 'Attachments are uploaded through the server',
	card_missing: 'The card does not exist',
	schema_mismatch: 'The update does not match the board structure',
	too_long: 'The text is too long',
	signed_by_other: 'The update must be signed by its sender',
	comment_id_taken: 'The comment id already exists',
	agency_missing: 'The agency does not exist',
	section_missing: 'The plan section does not exist',
	required_missing: 'Required information is missing',
	handler_not_lead: 'The person in charge must belong to the lead agency (agency staff assign within their own agency)',
	checklist_exists: 'The checklist exists; it cannot be replaced as a whole',
	step_id_taken: 'The step id already exists',
	archive_managers_only: 'Only the standing office or the facilitator may archive a task, in their own name',
	labels_managers_only: "Only the standing office or the facilitator may change the board's labels",
	label_missing: 'The label does not exist on this board',
	too_many_labels: 'The board already has the most labels it can have',
	update_invalid: 'The update is invalid and was refused ({rule})',
	board_reloading: 'The board is being reloaded; please try again',
	update_quarantined: 'The update could not be applied and was quarantined',
	roundtrip_not_allowed: 'Not allowed',
	roundtrip_choose_agency: 'Choose the agency that sent the file',
	roundtrip_stale: 'The task was updated on the board after the preview; upload the file again to see the new changes',
	refused: 'The change was refused'
};

export const refusalMessages = { vi, en };

/**
 * A refusal as the server sent it — a wire reason (`read_only`, `update_invalid:overlap`) or the
 * round trip's `{ code, params }` — in a language; `refused` for anything that is not a known code.
 */
export function refusalMessage(lang: ErrorLocale, sent: unknown): string {
	const refusal = readRefusal(sent);
	if (!refusal) return refusalMessages[lang].refused;
	return format(refusalMessages[lang][refusal.code], 'params' in refusal ? refusal.params : undefined);
}
