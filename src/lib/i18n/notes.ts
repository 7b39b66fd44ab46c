/**
 * What the server's notes say, in Vietnamese and English: the part of the message catalogue that
 * words the notes the server sends as `{ code, params }` (src/lib/core/api/notes.ts): warnings of
 * an import preview, where a row is in an uploaded file, problems of a returned workbook's rows, and
 * the inbox's messages. The browser shows `noteText(...)` (index.svelte.ts) in the interface
 * language; the server words the same entries in Vietnamese for e-mails and for the import command.
 * Plain TypeScript, like errors.ts, so that the server can read it. docs/api.md lists the codes.
 */
import type { Note, NoteParams } from '../core/api/notes.js';
import { format, type MessageParams } from './format.js';

const vi = {
	// A text stored before notes had codes (an older draft), shown as written.
	text: '{text}',

	// Where a line of an uploaded file comes from.
	where_line: 'dòng {line}',
	where_table: 'Bảng {table}',
	where_table_row: 'Bảng {table}, hàng {row}',
	where_table_at_line: 'Bảng {table} (dòng {line})',
	where_page: 'trang {page}',
	where_page_table: 'Trang {page}, bảng {table}',
	where_page_row: 'trang {page}, hàng {row}',
	where_page_table_row: 'trang {page}, bảng {table}, hàng {row}',
	where_sheet_row: '«{sheet}» hàng {row}',

	// Reading a plan: what the parser noticed.
	plan_internal_error: 'Lỗi nội bộ khi đọc kế hoạch: {error}',
	plan_no_tasks: 'Không tìm thấy nhiệm vụ nào (không có bảng nhiệm vụ hay phần phân công cơ quan)',
	plan_no_number: 'Văn bản chưa ghi số («{text}»)',
	plan_no_title: 'Không tìm thấy tên văn bản',
	plan_no_date: 'Ngày ban hành để trống («{text}»)',
	plan_no_issuer: 'Không xác định được cơ quan ban hành',
	plan_year_most_cited: 'Không thấy năm ở ngày ban hành hay tên văn bản; lấy năm {year} (năm được nhắc nhiều nhất)',
	plan_year_unknown: 'Không xác định được năm của kế hoạch; tạm lấy năm {year}',
	plan_agency_renamed: '«{old}» nay là «{name}» (sáp nhập năm 2025)',
	plan_row_without_header: 'Dòng bảng không nằm dưới hàng tiêu đề cột nào; bỏ qua',
	plan_table_without_columns: 'Bảng không có cột nhiệm vụ và cơ quan chủ trì («{header}»); bỏ qua',
	plan_appendix_untitled: 'Bảng không có tiêu đề «Phụ lục»; đặt tên «{title}»',
	plan_member_no_areas: 'Thành viên {stt} không có địa bàn theo dõi',
	plan_member_row_joined: 'Dòng không có số thứ tự (ngắt trang): đã nối vào thành viên {stt}',
	plan_member_row_orphan: 'Dòng không có số thứ tự và không thuộc thành viên nào; bỏ qua',
	plan_task_number_inferred: 'Nhiệm vụ in thiếu số thứ tự; đã đánh số {task} theo thứ tự',
	plan_task_row_joined: 'Dòng không có số thứ tự (ngắt trang): đã nối vào nhiệm vụ {task}',
	plan_task_row_orphan: 'Dòng không có số thứ tự và không thuộc nhiệm vụ nào; bỏ qua',
	plan_task_no_lead: 'Nhiệm vụ {task} không có cơ quan chủ trì',
	plan_task_deadline_unclear: 'Không hiểu thời hạn «{deadline}» của nhiệm vụ {task}; cần kiểm tra',
	plan_task_no_deadline: 'Nhiệm vụ {task} không có thời hạn',
	plan_numbering_gap: 'Số thứ tự nhảy từ {from} lên {to} ở mục {section}',
	plan_numbering_gap_unnamed: 'Số thứ tự nhảy từ {from} lên {to} ở mục (không tên)',
	plan_tasks_derived: 'Không có bảng nhiệm vụ: đã suy ra {count} nhiệm vụ từ mục {section}. {title}',
	plan_tasks_derived_undated: 'Không có bảng nhiệm vụ: đã suy ra {count} nhiệm vụ từ mục {section}. {title} ({undated} nhiệm vụ không ghi thời hạn)',
	plan_target_no_figure: 'Mục tiêu «{text}» không có con số cụ thể',
	plan_report_no_due: 'Báo cáo định kỳ không ghi hạn nộp («{text}»)',
	plan_report_due_after_issue: 'Hạn báo cáo «{deadline}» không ghi năm; lấy {due} (lần đầu sau ngày ban hành)',
	plan_report_due_plan_year: 'Hạn báo cáo «{deadline}» không ghi năm; lấy {due} (theo năm của kế hoạch)',

	// Reading a file: what the reader of the format noticed.
	source_table_no_header: '{table}: không nhận ra hàng tiêu đề (cần các cột như «STT», «Nhiệm vụ», «Cơ quan chủ trì»); đọc như văn bản thường',
	source_pdf_image_pages: 'Trang {pages} chỉ có hình ảnh (bản quét), không đọc được chữ; hãy kiểm tra và nhập tay phần đó',
	source_pdf_unruled_table:
		'Trang {page}: bảng không kẻ đường viền («{header}») chưa đọc được thành bảng; các dòng được đọc như văn bản, hãy kiểm tra',
	source_sheet_no_header: 'Trang tính «{sheet}»: không có hàng tiêu đề cột nhận ra được; bỏ qua',

	// A task row fixed by hand in the preview, checked again.
	task_empty_title: 'Nhiệm vụ để trống',
	task_no_lead: 'Không có cơ quan chủ trì',
	task_deadline_unclear: 'Không hiểu thời hạn «{deadline}»; cần kiểm tra',
	task_no_deadline: 'Không có thời hạn',

	// A row of a workbook returned by an agency.
	returned_bad_status: 'Trạng thái «{value}» không thuộc: Chưa triển khai, Đang thực hiện, Vướng mắc, Hoàn thành',
	returned_bad_progress: 'Tiến độ «{value}» phải là một số từ 0 đến 100',

	// Inbox messages: a title, and a body unless the body is a person's own words (a comment).
	someone: 'Một người dùng',
	your_agency: 'đơn vị',
	task_code: 'nhiệm vụ {code}',
	task_any: 'một nhiệm vụ',
	inbox_task_deadline: '- {code}. {title} (thời hạn: {deadline})',
	inbox_task_due: '- {code}. {title} (hạn {due})',
	inbox_reminder_title: 'Đôn đốc thực hiện {count} nhiệm vụ quá hạn',
	inbox_reminder_body:
		'Kính gửi: {agency}.\nTính đến ngày {date}, theo "{board}", đơn vị đang chủ trì {count} nhiệm vụ đã quá thời hạn hoàn thành:\n{tasks}\nThường trực Ban Chỉ đạo đề nghị đơn vị khẩn trương thực hiện, cập nhật tiến độ, kết quả thực hiện và báo cáo khó khăn, vướng mắc (nếu có) trên hệ thống.',
	inbox_due_soon_title: '{count} nhiệm vụ còn 7 ngày đến hạn',
	inbox_due_soon_body: 'Kính gửi: {agency}.\nTheo "{board}", các nhiệm vụ đơn vị chủ trì sẽ đến hạn sau 7 ngày:\n{tasks}',
	inbox_due_tomorrow_title: '{count} nhiệm vụ đến hạn ngày mai',
	inbox_due_tomorrow_body: 'Kính gửi: {agency}.\nTheo "{board}", các nhiệm vụ đơn vị chủ trì đến hạn vào ngày mai:\n{tasks}',
	inbox_overdue_title: '{count} nhiệm vụ đã quá hạn',
	inbox_overdue_body: 'Kính gửi: {agency}.\nTheo "{board}", các nhiệm vụ đơn vị chủ trì đã quá thời hạn hoàn thành:\n{tasks}',
	inbox_follow_up_title: 'Nhiệm vụ {code} được giao tại phiên rà soát Quý {quarter}',
	inbox_follow_up_body: 'Kính gửi: {agency}.\nTại phiên rà soát Quý {quarter}, nhiệm vụ {code}. {title}\n{lines}',
	inbox_conclusion: 'Kết luận: {text}',
	inbox_assigned: 'Giao: {task}.',
	inbox_assigned_due: 'Giao: {task} — hạn {due}.',
	inbox_keep_going: 'tiếp tục thực hiện',
	inbox_mention_you_title: '{author} nhắc đến bạn trong bình luận tại {task}',
	inbox_mention_agency_title: '{author} nhắc đến {agency} trong bình luận tại {task}',
	inbox_comment_title: '{author} bình luận tại {task}',
	inbox_comment_title_named: '{author} bình luận tại {task}: {title}',
	inbox_handler_title: 'Bạn được giao xử lý nhiệm vụ {code}',
	inbox_handler_body: 'Bạn được giao xử lý nhiệm vụ {code}. {title}',
	inbox_handler_body_by: '{by} đã giao xử lý nhiệm vụ {code}. {title}'
} as const;

/** A note the server may send (src/lib/core/api/notes.ts). */
export type NoteCode = keyof typeof vi;

const en: Record<NoteCode, string> = {
	text: '{text}',

	where_line: 'line {line}',
	where_table: 'Table {table}',
	where_table_row: 'Table {table}, row {row}',
	where_table_at_line: 'Table {table} (line {line})',
	where_page: 'page {page}',
	where_page_table: 'Page {page}, table {table}',
	where_page_row: 'page {page}, row {row}',
	where_page_table_row: 'page {page}, table {table}, row {row}',
	where_sheet_row: '“{sheet}” row {row}',

	plan_internal_error: 'Internal error while reading the plan: {error}',
	plan_no_tasks: 'No tasks found (no task table and no assignment of duties to agencies)',
	plan_no_number: 'The document has no number yet (“{text}”)',
	plan_no_title: 'The title of the document was not found',
	plan_no_date: 'The date of issue is blank (“{text}”)',
	plan_no_issuer: 'The issuing authority could not be determined',
	plan_year_most_cited: 'No year in the date of issue or the title; took {year} (the year named most often)',
	plan_year_unknown: "The plan's year could not be determined; took {year} for now",
	plan_agency_renamed: '“{old}” is now “{name}” (merged in 2025)',
	plan_row_without_header: 'A table row under no column header; skipped',
	plan_table_without_columns: 'The table has no task and lead agency columns (“{header}”); skipped',
	plan_appendix_untitled: 'The table has no “Phụ lục” (appendix) heading; named it “{title}”',
	plan_member_no_areas: 'Member {stt} follows no commune or ward',
	plan_member_row_joined: 'A row without a number (page break): joined to member {stt}',
	plan_member_row_orphan: 'A row without a number that belongs to no member; skipped',
	plan_task_number_inferred: 'The task was printed without its number; numbered {task} by its position',
	plan_task_row_joined: 'A row without a number (page break): joined to task {task}',
	plan_task_row_orphan: 'A row without a number that belongs to no task; skipped',
	plan_task_no_lead: 'Task {task} has no lead agency',
	plan_task_deadline_unclear: 'The deadline “{deadline}” of task {task} was not understood; check it',
	plan_task_no_deadline: 'Task {task} has no deadline',
	plan_numbering_gap: 'The numbering jumps from {from} to {to} in section {section}',
	plan_numbering_gap_unnamed: 'The numbering jumps from {from} to {to} in an unnamed section',
	plan_tasks_derived: 'No task table: {count} {count|task was|tasks were} derived from section {section}. {title}',
	plan_tasks_derived_undated:
		'No task table: {count} {count|task was|tasks were} derived from section {section}. {title} ({undated} without a deadline)',
	plan_target_no_figure: 'The target “{text}” has no figure',
	plan_report_no_due: 'A periodic report has no due date (“{text}”)',
	plan_report_due_after_issue: 'The report deadline “{deadline}” has no year; took {due} (the first after the date of issue)',
	plan_report_due_plan_year: "The report deadline “{deadline}” has no year; took {due} (in the plan's year)",

	source_table_no_header: '{table}: no recognisable header row (columns such as STT, Nhiệm vụ, Cơ quan chủ trì); read as plain text',
	source_pdf_image_pages: 'Page(s) {pages} hold only images (a scan) and no text to read; check them and enter that part by hand',
	source_pdf_unruled_table:
		'Page {page}: a table without ruled borders (“{header}”) could not be read as a table; its lines were read as text, check them',
	source_sheet_no_header: 'Worksheet “{sheet}”: no recognisable column header row; skipped',

	task_empty_title: 'The task is empty',
	task_no_lead: 'No lead agency',
	task_deadline_unclear: 'The deadline “{deadline}” was not understood; check it',
	task_no_deadline: 'No deadline',

	returned_bad_status:
		'The status “{value}” is not one of: Chưa triển khai (not started), Đang thực hiện (in progress), Vướng mắc (blocked), Hoàn thành (done)',
	returned_bad_progress: 'The progress “{value}” must be a number from 0 to 100',

	someone: 'Someone',
	your_agency: 'your agency',
	task_code: 'task {code}',
	task_any: 'a task',
	inbox_task_deadline: '- {code}. {title} (deadline: {deadline})',
	inbox_task_due: '- {code}. {title} (due {due})',
	inbox_reminder_title: 'Reminder: {count} overdue {count|task|tasks} to complete',
	inbox_reminder_body:
		'To: {agency}.\nAs of {date}, according to "{board}", your agency leads {count} {count|task|tasks} past {count|its|their} completion deadline:\n{tasks}\nThe standing office of the Steering Committee asks your agency to complete them promptly, update their progress and results, and report any difficulties or obstacles in the system.',
	inbox_due_soon_title: '{count} {count|task is|tasks are} due in 7 days',
	inbox_due_soon_body: 'To: {agency}.\nAccording to "{board}", these tasks your agency leads fall due in 7 days:\n{tasks}',
	inbox_due_tomorrow_title: '{count} {count|task is|tasks are} due tomorrow',
	inbox_due_tomorrow_body: 'To: {agency}.\nAccording to "{board}", these tasks your agency leads fall due tomorrow:\n{tasks}',
	inbox_overdue_title: '{count} {count|task is|tasks are} overdue',
	inbox_overdue_body: 'To: {agency}.\nAccording to "{board}", these tasks your agency leads are past their completion deadline:\n{tasks}',
	inbox_follow_up_title: 'Task {code} assigned at the review of quarter {quarter}',
	inbox_follow_up_body: 'To: {agency}.\nAt the review of quarter {quarter}, task {code}. {title}\n{lines}',
	inbox_conclusion: 'Conclusion: {text}',
	inbox_assigned: 'Assigned: {task}.',
	inbox_assigned_due: 'Assigned: {task}, due {due}.',
	inbox_keep_going: 'continue the work',
	inbox_mention_you_title: '{author} mentioned you in a comment on {task}',
	inbox_mention_agency_title: '{author} mentioned {agency} in a comment on {task}',
	inbox_comment_title: '{author} commented on {task}',
	inbox_comment_title_named: '{author} commented on {task}: {title}',
	inbox_handler_title: 'You were made the handler of task {code}',
	inbox_handler_body: 'You were made the handler of task {code}. {title}',
	inbox_handler_body_by: '{by} made you the handler of task {code}. {title}'
};

/** This part of the one catalogue (index.svelte.ts), where its keys are `note.<code>`. */
export const noteMessages = { vi, en };

export type NoteLocale = keyof typeof noteMessages;

export function isNoteCode(code: string): code is NoteCode {
	return Object.hasOwn(vi, code);
}

/**
 * A note worded in a language: its sentence with the values filled in, a value that is itself a
 * note worded in the same language (a list of notes: one per line). A code the catalogue does not
 * know shows as the code, so the mistake is visible; a sentence whose last value is empty (a task
 * without a title) loses its trailing space.
 */
export function noteMessage(lang: NoteLocale, n: Note): string {
	const messages: Record<string, string> = noteMessages[lang];
	const vi: Record<string, string> = noteMessages.vi;
	// Own entries only: a code such as "constructor" is not a note, and reads as sent.
	const template = Object.hasOwn(messages, n.code) ? messages[n.code] : Object.hasOwn(vi, n.code) ? vi[n.code] : undefined;
	if (template === undefined) return String(n.code);
	return format(template, wordParams(lang, n.params)).trimEnd();
}

function wordParams(lang: NoteLocale, params: NoteParams | undefined): MessageParams | undefined {
	if (!params) return undefined;
	const out: MessageParams = {};
	for (const [name, value] of Object.entries(params)) {
		if (Array.isArray(value)) out[name] = value.map((v) => noteMessage(lang, v)).join('\n');
		else if (typeof value === 'object' && value !== null) out[name] = noteMessage(lang, value);
		else out[name] = value;
	}
	return out;
}
