/**
 * Messages of the notification preferences page and the new inbox kinds (Vietnamese first, English
 * beside it), read in the language chosen in the header.
 */
import { t, type MessageParams } from './index.svelte.js';

const vi = {
	'prefs.title': 'Cài đặt thông báo',
	'prefs.intro': 'Hộp thư trong ứng dụng luôn nhận mọi thông báo. Chọn cách nhận từng loại qua e-mail.',
	'prefs.email': 'Địa chỉ e-mail: {email}',
	'prefs.noEmail': 'Tài khoản chưa có địa chỉ e-mail: thông báo chỉ có trong hộp thư của ứng dụng.',
	'prefs.mailOff': 'Máy chủ chưa cấu hình gửi e-mail (SMTP_URL): thông báo chỉ có trong hộp thư của ứng dụng.',
	'prefs.type': 'Loại thông báo',
	'prefs.save': 'Lưu',
	'prefs.saved': 'Đã lưu.',
	'prefs.badLink': 'Liên kết không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập để thay đổi.',
	'prefs.for': 'Cho tài khoản: {name}',
	'prefs.link': 'Cài đặt thông báo',
	'mode.immediate': 'Gửi ngay',
	'mode.digest': 'Trong bản tin 07:30 hằng ngày',
	'mode.none': 'Không gửi e-mail',
	'type.mention': 'Khi tôi hoặc đơn vị tôi được nhắc đến (@)',
	'type.handler': 'Khi tôi được giao xử lý một nhiệm vụ',
	'type.reminder': 'Thư đôn đốc của Thường trực Ban Chỉ đạo hoặc thư ký',
	'type.comment': 'Bình luận mới ở nhiệm vụ đơn vị tôi chủ trì hoặc phối hợp',
	'type.conclusion': 'Kết luận phiên rà soát giao cho đơn vị tôi',
	'type.deadline': 'Nhiệm vụ của đơn vị còn 7 ngày, đến hạn ngày mai, quá hạn',
	'kind.mention': 'Nhắc đến',
	'kind.handler': 'Giao xử lý',
	'kind.comment': 'Bình luận',
	'kind.due-soon': 'Còn 7 ngày',
	'kind.due-tomorrow': 'Đến hạn ngày mai',
	'kind.overdue': 'Quá hạn',
	openCard: 'Mở nhiệm vụ {code}'
} as const;

export type NotificationMessageKey = keyof typeof vi;

const en: Record<NotificationMessageKey, string> = {
	'prefs.title': 'Notification settings',
	'prefs.intro': 'The in-app inbox always gets every notification. Choose how each kind reaches you by e-mail.',
	'prefs.email': 'E-mail address: {email}',
	'prefs.noEmail': 'This account has no e-mail address: notifications are in the in-app inbox only.',
	'prefs.mailOff': 'The server does not send e-mail (SMTP_URL is not set): notifications are in the in-app inbox only.',
	'prefs.type': 'Notification',
	'prefs.save': 'Save',
	'prefs.saved': 'Saved.',
	'prefs.badLink': 'This link is invalid or has expired. Please sign in to change your settings.',
	'prefs.for': 'For the account: {name}',
	'prefs.link': 'Notification settings',
	'mode.immediate': 'At once',
	'mode.digest': 'In the daily 07:30 digest',
	'mode.none': 'No e-mail',
	'type.mention': 'When I or my agency am mentioned (@)',
	'type.handler': 'When I am made the handler of a task',
	'type.reminder': 'Reminders from the standing office or the facilitator',
	'type.comment': 'New comments on tasks my agency leads or supports',
	'type.conclusion': 'Review conclusions assigned to my agency',
	'type.deadline': "My agency's tasks due in 7 days, due tomorrow, overdue",
	'kind.mention': 'Mention',
	'kind.handler': 'Handler',
	'kind.comment': 'Comment',
	'kind.due-soon': 'Due in 7 days',
	'kind.due-tomorrow': 'Due tomorrow',
	'kind.overdue': 'Overdue',
	openCard: 'Open task {code}'
};

/** This part of the one catalogue (index.svelte.ts), where its keys are `notify.<key>`. */
export const notificationMessages = { vi, en };

/** `t('notify.<key>')`: the catalogue's lookup, with this part's keys. */
export function nt(key: NotificationMessageKey, params?: MessageParams): string {
	return t(`notify.${key}`, params);
}
