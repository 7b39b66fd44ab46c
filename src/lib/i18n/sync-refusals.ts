/**
 * The refusal of a board update (by the sync server's guard, or by the Excel round trip, which
 * applies changes through the same guard), in the interface language. The server (server/sync)
 * sends its reason as Vietnamese text, with the structural rule's code in parentheses for the
 * structural checks ("Cập nhật không hợp lệ, đã bị từ chối (overlap)"); the permission guard's
 * sentences are matched whole. Until the sync server sends codes, this table mirrors its sentences
 * (server/sync/document-guard.ts MSG, server/sync/room.ts); a sentence not listed is shown as sent.
 */
import type { ErrorLocale } from './errors.js';

const ENGLISH: Record<string, string> = {
	'Tài khoản chỉ có quyền xem': 'This account may only view',
	'Chỉ thường trực hoặc thư ký được sửa thông tin giao việc': 'Only the standing office or the facilitator may change the assignment',
	'Chỉ thường trực hoặc thư ký được sửa cấu trúc bảng': 'Only the standing office or the facilitator may change the board structure',
	'Chỉ đơn vị chủ trì được cập nhật tiến độ nhiệm vụ': 'Only the lead agency may update the progress of this task',
	'Đơn vị của bạn không tham gia nhiệm vụ này': 'Your agency does not take part in this task',
	'Không được sửa bình luận của người khác': "You may not edit someone else's comment",
	'Bình luận phải mang tên và đơn vị của người gửi': "A comment must carry its sender's name and agency",
	'Bình luận không bị xoá khỏi bảng, chỉ được ẩn': 'Comments are not deleted from the board, only hidden',
	'Tệp đính kèm được tải lên qua máy chủ': 'Attachments are uploaded through the server',
	'Thẻ không tồn tại': 'The card does not exist',
	'Nội dung cập nhật không đúng cấu trúc bảng': 'The update does not match the board structure',
	'Nội dung quá dài': 'The text is too long',
	'Người cập nhật phải là chính người gửi': 'The update must be signed by its sender',
	'Mã bình luận đã tồn tại': 'The comment id already exists',
	'Đơn vị không tồn tại': 'The agency does not exist',
	'Phần của kế hoạch không tồn tại': 'The plan section does not exist',
	'Thiếu thông tin bắt buộc': 'Required information is missing',
	'Cán bộ phụ trách phải thuộc đơn vị chủ trì (chuyên viên chỉ giao cho người của đơn vị mình)':
		'The person in charge must belong to the lead agency (agency staff assign within their own agency)',
	'Danh sách bước đã có, không được thay cả danh sách': 'The checklist exists; it cannot be replaced as a whole',
	'Mã bước đã tồn tại': 'The step id already exists',
	'Chỉ thường trực hoặc thư ký được lưu trữ nhiệm vụ, với tên của chính mình':
		'Only the standing office or the facilitator may archive a task, in their own name',
	'Chỉ thường trực hoặc thư ký được sửa bộ nhãn của bảng': "Only the standing office or the facilitator may change the board's labels",
	'Nhãn không tồn tại trên bảng này': 'The label does not exist on this board',
	'Bảng đã có đủ số nhãn tối đa': 'The board already has the most labels it can have',
	'Bảng đang được tải lại, vui lòng thử lại': 'The board is being reloaded; please try again',
	'Cập nhật không áp dụng được, đã được cách ly': 'The update could not be applied and was quarantined',
	// The Excel round trip applies its changes through the same guard, and says these two of its own (server/roundtrip).
	'Hãy chọn đơn vị đã gửi tệp': 'Choose the agency that sent the file',
	'Không được phép': 'Not allowed',
	'Nhiệm vụ đã được cập nhật trên bảng sau khi xem trước; hãy tải tệp lên lại để xem thay đổi mới':
		'The task was updated on the board after the preview; upload the file again to see the new changes'
};

/** The refusal in a language: Vietnamese as sent; English from the table, or by its structural code. */
export function syncRefusal(lang: ErrorLocale, reason: string): string {
	if (lang === 'vi') return reason;
	const english = ENGLISH[reason];
	if (english) return english;
	const code = reason.match(/\(([a-z_]+)\)\s*$/)?.[1];
	return code ? `The update is invalid and was refused (${code})` : reason;
}
