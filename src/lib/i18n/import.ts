/**
 * Messages of the import page (new plans, and agencies' returned Excel files), Vietnamese first,
 * English beside it, read in the language chosen in the header. The server's warnings and notes
 * on rows come as codes worded by the `note.` part (notes.ts), its errors by the `api.` part.
 */
import { formatDate } from '../core/dates.js';
import type { Deadline } from '../core/parsed-plan.js';
import { t, type MessageParams } from './index.svelte.js';

const vi = {
	cancel: 'Huỷ',
	save: 'Lưu',
	actions: 'Thao tác',
	chooseAgency: '— Chọn đơn vị —',

	'page.docTitle': 'Nhập kế hoạch · Phối hợp',
	'page.heading': 'Nhập kế hoạch',
	'page.onlyAdmin': 'Trang này chỉ dành cho bộ phận thường trực (quản trị viên).',
	'page.home': 'Về trang chủ',
	'page.tabs': 'Loại tệp nhập',
	'page.tab.plan': 'Kế hoạch mới',
	'page.tab.returned': 'Tệp Excel đơn vị gửi lại',

	'drop.tooLarge': 'Tệp «{name}» quá lớn: tối đa {max} MB.',
	'drop.hint': 'Kéo thả tệp vào đây, hoặc',
	'drop.choose': 'Chọn tệp…',
	'drop.uploadingLabel': 'Đang tải lên',
	'drop.uploading': 'Đang tải lên… {percent}%',
	'drop.readingLabel': 'Đang đọc tệp',
	'drop.reading': 'Đã tải lên; đang đọc tệp (bảng, cơ quan, thời hạn)…',

	'plan.fileLabel': 'Tệp kế hoạch: Word (.docx, .doc), PDF, Excel (.xlsx), CSV, HTML, Markdown hoặc văn bản (.txt)',
	'plan.refusal.scanned': 'Tệp PDF chỉ có hình ảnh (bản quét), không có chữ để đọc. Hãy gửi bản Word (.docx) hoặc bản PDF lưu trực tiếp từ Word.',
	'plan.createFailed': 'Không tạo được bảng (không có gì được ghi): {message}',
	'plan.created': 'Đã tạo {count} bảng cho «{title}»',
	'plan.boardCounts': '{sections} mục, {cards} nhiệm vụ',
	'plan.newAgencies': 'Cơ quan mới: {names}',

	'preview.kind.text': 'văn bản',
	'preview.title': 'Xem trước: {file}',
	'preview.document': 'Văn bản',
	'preview.defaultDocType': 'Văn bản',
	'preview.noNumber': '(chưa có số)',
	'preview.planTitle': 'Tên kế hoạch',
	'preview.saveTitle': 'Lưu tên',
	'preview.issuer': 'Cơ quan ban hành',
	'preview.placeDate': 'Nơi, ngày',
	'preview.noDate': 'chưa ghi ngày',
	'preview.year': 'năm {year}',
	'preview.indicatorsLabel': 'Chỉ tiêu, báo cáo',
	'preview.indicators': '{indicators} chỉ tiêu · {reports} nghĩa vụ báo cáo',
	'preview.warnings': '{count} cảnh báo chung (không thuộc dòng nhiệm vụ nào)',
	'preview.assignments': '{title}: {members} thành viên, {areas} địa bàn theo dõi (lưu cùng kế hoạch)',
	'preview.derived': 'Suy ra từ nội dung văn bản (không có bảng)',
	'preview.want': 'Tạo bảng từ danh sách này',
	'preview.col.stt': 'STT',
	'preview.col.task': 'Nhiệm vụ',
	'preview.col.lead': 'Chủ trì',
	'preview.col.support': 'Phối hợp',
	'preview.col.deadline': 'Thời hạn',
	'preview.col.warnings': 'Cảnh báo',
	// The confirm line reads: willCreate <n> boardsWith <n> tasks[ and <n> newAgencies]end.
	'preview.confirm.willCreate': 'Sẽ tạo',
	'preview.confirm.boardsWith': 'bảng với',
	'preview.confirm.tasks': 'nhiệm vụ',
	'preview.confirm.and': ', và',
	'preview.confirm.newAgencies': 'cơ quan mới',
	'preview.confirm.end': '. Chưa có gì được ghi cho đến khi bấm «Tạo bảng».',
	'preview.create': 'Tạo bảng',
	'preview.createAnyway': 'Vẫn tạo bảng mới',
	'preview.existing.title': 'Kế hoạch này đã được nhập.',
	'preview.existing.body': 'Mở bảng đã có để tiếp tục cập nhật, hoặc tạo thêm một bộ bảng mới:',

	'agencies.title': 'Cơ quan trong kế hoạch',
	'agencies.caption': 'Cơ quan mới: sẽ được tạo, trừ khi gộp vào một cơ quan đã có',
	'agencies.col.name': 'Tên trong kế hoạch',
	'agencies.col.tasks': 'Số nhiệm vụ',
	'agencies.col.merge': 'Gộp vào cơ quan đã có',
	'agencies.collective': '(nhóm cơ quan)',
	'agencies.maybe': 'Có thể là',
	'agencies.mergeTitle': 'Gộp vào {name}',
	'agencies.mergeSelect': 'Gộp «{name}» vào',
	'agencies.createNew': '— Tạo cơ quan mới —',
	'agencies.all': 'Tất cả cơ quan',
	'agencies.allKnown': 'Mọi cơ quan trong kế hoạch đều đã có trong hệ thống.',
	'agencies.found': '{count} cơ quan đã có trong hệ thống',
	'agencies.tasks': '({count} nhiệm vụ)',

	'task.field.stt': 'STT',
	'task.field.title': 'Nhiệm vụ',
	'task.field.lead': 'Cơ quan chủ trì',
	'task.field.support': 'Cơ quan phối hợp',
	'task.field.deadline': 'Thời gian hoàn thành',
	'task.field.output': 'Sản phẩm',
	'task.output': 'Sản phẩm: {output}',
	'task.edited': 'Đã sửa tay',
	'task.newAgency': 'Cơ quan mới (chưa có trong hệ thống)',
	'task.edit': 'Sửa',
	'task.keep': 'Giữ lại',
	'task.drop': 'Bỏ dòng',
	'deadline.due': 'hạn {date}',
	'deadline.recurring': 'thường xuyên, không có hạn cuối',
	'deadline.done': 'đã thực hiện khi ban hành',
	'deadline.unclear': 'chưa hiểu — cần kiểm tra',
	'deadline.none': 'không có thời hạn',

	'returned.field.status': 'Trạng thái',
	'returned.field.progress': 'Tiến độ',
	'returned.field.result': 'Kết quả thực hiện',
	'returned.empty': '(trống)',
	'returned.intro':
		'Đơn vị không dùng ứng dụng điền «Trạng thái», «Tiến độ (%)» và «Kết quả thực hiện» vào tệp Excel xuất từ bảng rồi gửi lại. Tải tệp đó lên để xem từng thay đổi trước khi áp dụng; chỉ những thay đổi đơn vị đó được phép làm trên bảng mới được áp dụng, ghi nhận là cập nhật thay mặt đơn vị.',
	'returned.fileLabel': 'Tệp Excel (.xlsx) đơn vị gửi lại',
	'returned.applied': 'Đã áp dụng {count} nhiệm vụ',
	'returned.skipped': 'Không áp dụng:',
	'returned.board': 'Bảng',
	'returned.meta': 'Tệp {file}, trang tính «{sheet}»: {rows} dòng khớp với nhiệm vụ của bảng.',
	'returned.agency': 'Đơn vị gửi tệp',
	'returned.agencyOption': '{name} ({count} nhiệm vụ chủ trì)',
	'returned.noChanges': 'Tệp không thay đổi gì so với bảng.',
	'returned.col.task': 'Nhiệm vụ',
	'returned.col.changes': 'Thay đổi (cũ → mới)',
	'returned.col.allowed': 'Áp dụng được?',
	'returned.yes': 'Có',
	'returned.apply': 'Áp dụng {count} thay đổi',
	'returned.applyFor': 'Áp dụng {count} thay đổi thay mặt {agency}'
} as const;

export type ImportMessageKey = keyof typeof vi;

const en: Record<ImportMessageKey, string> = {
	cancel: 'Cancel',
	save: 'Save',
	actions: 'Actions',
	chooseAgency: '— Select an agency —',

	'page.docTitle': 'Import a plan · Phối hợp',
	'page.heading': 'Import a plan',
	'page.onlyAdmin': 'This page is for the standing office (administrators) only.',
	'page.home': 'Back to the home page',
	'page.tabs': 'Type of file to import',
	'page.tab.plan': 'New plan',
	'page.tab.returned': 'Excel file returned by an agency',

	'drop.tooLarge': 'The file «{name}» is too large: the limit is {max} MB.',
	'drop.hint': 'Drag and drop a file here, or',
	'drop.choose': 'Choose a file…',
	'drop.uploadingLabel': 'Uploading',
	'drop.uploading': 'Uploading… {percent}%',
	'drop.readingLabel': 'Reading the file',
	'drop.reading': 'Uploaded; reading the file (tables, agencies, deadlines)…',

	'plan.fileLabel': 'Plan file: Word (.docx, .doc), PDF, Excel (.xlsx), CSV, HTML, Markdown or plain text (.txt)',
	'plan.refusal.scanned': 'The PDF holds only images (a scan) and no text to read. Send the Word (.docx) file or a PDF saved directly from Word.',
	'plan.createFailed': 'The boards could not be created (nothing was saved): {message}',
	'plan.created': 'Created {count} board(s) for «{title}»',
	'plan.boardCounts': '{sections} section(s), {cards} task(s)',
	'plan.newAgencies': 'New agencies: {names}',

	'preview.kind.text': 'text',
	'preview.title': 'Preview: {file}',
	'preview.document': 'Document',
	'preview.defaultDocType': 'Document',
	'preview.noNumber': '(no number yet)',
	'preview.planTitle': 'Plan title',
	'preview.saveTitle': 'Save title',
	'preview.issuer': 'Issuing authority',
	'preview.placeDate': 'Place, date',
	'preview.noDate': 'no date given',
	'preview.year': 'year {year}',
	'preview.indicatorsLabel': 'Targets, reports',
	'preview.indicators': '{indicators} target(s) · {reports} reporting obligation(s)',
	'preview.warnings': '{count} general warning(s) (not tied to any task row)',
	'preview.assignments': '{title}: {members} member(s), {areas} area(s) monitored (stored with the plan)',
	'preview.derived': 'Derived from the text of the document (no table)',
	'preview.want': 'Create a board from this list',
	'preview.col.stt': 'No.',
	'preview.col.task': 'Task',
	'preview.col.lead': 'Lead',
	'preview.col.support': 'Coordinating',
	'preview.col.deadline': 'Deadline',
	'preview.col.warnings': 'Warnings',
	'preview.confirm.willCreate': 'This will create',
	'preview.confirm.boardsWith': 'board(s) with',
	'preview.confirm.tasks': 'task(s)',
	'preview.confirm.and': ', and',
	'preview.confirm.newAgencies': 'new agency(ies)',
	'preview.confirm.end': '. Nothing is saved until you click «Create boards».',
	'preview.create': 'Create boards',
	'preview.createAnyway': 'Create new boards anyway',
	'preview.existing.title': 'This plan has been imported before.',
	'preview.existing.body': 'Open the existing boards to keep updating them, or create another set of boards:',

	'agencies.title': 'Agencies named in the plan',
	'agencies.caption': 'New agencies: they will be created unless merged into an existing agency',
	'agencies.col.name': 'Name in the plan',
	'agencies.col.tasks': 'Tasks',
	'agencies.col.merge': 'Merge into an existing agency',
	'agencies.collective': '(group of agencies)',
	'agencies.maybe': 'Possibly',
	'agencies.mergeTitle': 'Merge into {name}',
	'agencies.mergeSelect': 'Merge «{name}» into',
	'agencies.createNew': '— Create a new agency —',
	'agencies.all': 'All agencies',
	'agencies.allKnown': 'Every agency named in the plan is already in the system.',
	'agencies.found': '{count} agency(ies) already in the system',
	'agencies.tasks': '({count} task(s))',

	'task.field.stt': 'No.',
	'task.field.title': 'Task',
	'task.field.lead': 'Lead agency',
	'task.field.support': 'Coordinating agencies',
	'task.field.deadline': 'Completion deadline',
	'task.field.output': 'Output',
	'task.output': 'Output: {output}',
	'task.edited': 'Edited by hand',
	'task.newAgency': 'New agency (not yet in the system)',
	'task.edit': 'Edit',
	'task.keep': 'Keep',
	'task.drop': 'Drop row',
	'deadline.due': 'due {date}',
	'deadline.recurring': 'ongoing, no final deadline',
	'deadline.done': 'already done when issued',
	'deadline.unclear': 'not understood — needs checking',
	'deadline.none': 'no deadline',

	'returned.field.status': 'Status',
	'returned.field.progress': 'Progress',
	'returned.field.result': 'Results',
	'returned.empty': '(empty)',
	'returned.intro':
		'Agencies that do not use the application fill in «Status», «Progress (%)» and «Results» in the Excel file exported from a board and send it back. Upload that file to review each change before applying it; only the changes that agency is allowed to make on the board are applied, recorded as updates on its behalf.',
	'returned.fileLabel': 'Excel file (.xlsx) returned by an agency',
	'returned.applied': 'Applied to {count} task(s)',
	'returned.skipped': 'Not applied:',
	'returned.board': 'Board',
	'returned.meta': 'File {file}, worksheet «{sheet}»: {rows} row(s) match tasks on the board.',
	'returned.agency': 'Agency that sent the file',
	'returned.agencyOption': '{name} (leads {count} task(s))',
	'returned.noChanges': 'The file makes no changes to the board.',
	'returned.col.task': 'Task',
	'returned.col.changes': 'Changes (old → new)',
	'returned.col.allowed': 'Can be applied?',
	'returned.yes': 'Yes',
	'returned.apply': 'Apply {count} change(s)',
	'returned.applyFor': 'Apply {count} change(s) on behalf of {agency}'
};

/** An import-page message in the current language. */
/** This part of the one catalogue (index.svelte.ts), where its keys are `import.<key>`. */
export const importMessages = { vi, en };

/** `t('import.<key>')`: the catalogue's lookup, with this part's keys. */
export function importT(key: ImportMessageKey, params?: MessageParams): string {
	return t(`import.${key}`, params);
}

/** What a deadline of the preview was understood as, in the current language. */
export function deadlineText(deadline: Deadline): string {
	switch (deadline.kind) {
		case 'quarter':
		case 'year':
		case 'date':
			return importT('deadline.due', { date: formatDate(deadline.due) });
		case 'recurring':
			return importT('deadline.recurring');
		case 'done':
			return importT('deadline.done');
		default:
			return importT(deadline.raw ? 'deadline.unclear' : 'deadline.none');
	}
}
