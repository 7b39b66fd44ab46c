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
	'sessions.confirmOthers': 'Đăng xuất mọi thiết bị khác? Các bảng đang mở ở đó sẽ ngắt kết nối ngay.',
	'sessions.endedOthers': 'Đã đăng xuất {count} phiên khác.',
	'sessions.ended': 'Đã đăng xuất phiên trên {device}.',
	'sessions.onlyThis': 'Không có phiên nào khác: bạn chỉ đăng nhập trên thiết bị này.',
	'sessions.loading': 'Đang tải…'
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
	'sessions.confirmOthers': 'Sign out every other device? Boards open there disconnect at once.',
	'sessions.endedOthers': 'Signed out {count} other {count|session|sessions}.',
	'sessions.ended': 'Signed out the session on {device}.',
	'sessions.onlyThis': 'No other session: you are signed in on this device only.',
	'sessions.loading': 'Loading…'
};

export function sst(key: SessionsMessageKey, params?: MessageParams): string {
	return format((locale() === 'en' ? en : vi)[key], params);
}
