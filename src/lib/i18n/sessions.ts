/**
 * Messages of the "sessions" page (the signed-in user's devices), Vietnamese first, English beside
 * it, read in the language chosen in the header.
 */
import { format, locale, type MessageParams } from './index.svelte.js';

const vi = {
	'sessions.link': 'Phiên đăng nhập',
	'sessions.title': 'Phiên đăng nhập',
	'sessions.intro': 'Các thiết bị và trình duyệt đang đăng nhập bằng tài khoản của bạn.',
	'sessions.limits': 'Một phiên tự kết thúc sau {idle} phút không dùng, và {hours} giờ sau khi đăng nhập.',
	'sessions.thisDevice': 'Thiết bị này',
	'sessions.unknownBrowser': 'Trình duyệt không rõ',
	'sessions.startedAt': 'Đăng nhập lúc',
	'sessions.lastSeenAt': 'Dùng gần nhất',
	'sessions.endsAt': 'Hết hạn lúc',
	'sessions.signOut': 'Đăng xuất phiên này',
	'sessions.signOutHere': 'Đăng xuất khỏi thiết bị này',
	'sessions.signOutOthers': 'Đăng xuất mọi nơi khác',
	'sessions.confirmTitle': 'Đăng xuất mọi nơi khác',
	'sessions.confirmOthers':
		'{count} phiên khác sẽ kết thúc; các bảng đang mở ở đó sẽ ngắt kết nối ngay. Để chắc chắn đó là bạn, hãy nhập lại mật khẩu của mình.',
	'sessions.confirmOne':
		'Phiên trên {device} sẽ kết thúc; các bảng đang mở ở đó sẽ ngắt kết nối ngay. Để chắc chắn đó là bạn, hãy nhập lại mật khẩu của mình.',
	'sessions.password': 'Mật khẩu của bạn',
	'sessions.passwordMissing': 'Nhập mật khẩu của bạn để xác nhận.',
	'sessions.confirm': 'Đăng xuất các phiên khác',
	'sessions.ending': 'Đang đăng xuất…',
	'sessions.cancel': 'Huỷ',
	'sessions.endedOthers': 'Đã đăng xuất {count} phiên khác.',
	'sessions.ended': 'Đã đăng xuất phiên trên {device}.',
	'sessions.onlyThis': 'Không có phiên nào khác: bạn chỉ đăng nhập trên thiết bị này.'
} as const;

export type SessionsMessageKey = keyof typeof vi;

const en: Record<SessionsMessageKey, string> = {
	'sessions.link': 'Sessions',
	'sessions.title': 'Sessions',
	'sessions.intro': 'The devices and browsers signed in to your account.',
	'sessions.limits': 'A session ends after {idle} minutes unused, and {hours} hours after sign-in.',
	'sessions.thisDevice': 'This device',
	'sessions.unknownBrowser': 'Unknown browser',
	'sessions.startedAt': 'Signed in',
	'sessions.lastSeenAt': 'Last used',
	'sessions.endsAt': 'Ends',
	'sessions.signOut': 'Sign out this session',
	'sessions.signOutHere': 'Sign out of this device',
	'sessions.signOutOthers': 'Sign out everywhere else',
	'sessions.confirmTitle': 'Sign out everywhere else',
	'sessions.confirmOthers':
		'{count} other {count|session|sessions} will end, and boards open there disconnect at once. To make sure it is you, type your password again.',
	'sessions.confirmOne':
		'The session on {device} will end, and boards open there disconnect at once. To make sure it is you, type your password again.',
	'sessions.password': 'Your password',
	'sessions.passwordMissing': 'Enter your password to confirm.',
	'sessions.confirm': 'Sign out the other sessions',
	'sessions.ending': 'Signing out…',
	'sessions.cancel': 'Cancel',
	'sessions.endedOthers': 'Signed out {count} other {count|session|sessions}.',
	'sessions.ended': 'Signed out the session on {device}.',
	'sessions.onlyThis': 'No other session: you are signed in on this device only.'
};

export function sst(key: SessionsMessageKey, params?: MessageParams): string {
	return format((locale() === 'en' ? en : vi)[key], params);
}
