import type { Role } from '../server/db/schema.js';

/** The demo workspace's accounts (a contract: checks outside the repo sign in with these). */
export const DEMO_PASSWORD = 'demo-phoihop';

export interface DemoAccount {
	username: string;
	displayName: string;
	role: Role;
	agency: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ username: 'admin', displayName: 'Quản trị (Thường trực BCĐ)', role: 'admin', agency: 'Sở Tài chính' },
	{ username: 'thuky', displayName: 'Thư ký cuộc họp', role: 'facilitator', agency: 'Sở Tài chính' },
	{ username: 'lanhdao', displayName: 'Lãnh đạo UBND thành phố', role: 'leader', agency: 'Ủy ban nhân dân thành phố' },
	{ username: 'stc', displayName: 'Chuyên viên Sở Tài chính', role: 'editor', agency: 'Sở Tài chính' },
	{ username: 'snnmt', displayName: 'Chuyên viên Sở Nông nghiệp và Môi trường', role: 'editor', agency: 'Sở Nông nghiệp và Môi trường' },
	{ username: 'lmhtx', displayName: 'Chuyên viên Liên minh Hợp tác xã', role: 'editor', agency: 'Liên minh Hợp tác xã thành phố' }
];

/** Other spellings of the demo agencies seen in the plans. */
export const DEMO_AGENCY_ALIASES: Record<string, string[]> = {
	'Ủy ban nhân dân thành phố': ['UBND thành phố', 'Uỷ ban nhân dân thành phố']
};

/** The four real plans shipped as the demo workspace, in import order. */
export const DEMO_PLANS = [
	'can-tho-2026-bcd-ktt.txt',
	'dong-nai-2026-ktt.txt',
	'can-tho-219-kh-ubnd-2023.txt',
	'ha-noi-2026-ktt-htx.txt'
];
