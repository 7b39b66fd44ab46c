import type { Role } from '../server/db/schema.js';

/** The demo workspace's accounts (a contract: checks outside the repo sign in with these). */
export const DEMO_PASSWORD = 'demo-phoihop';

export interface DemoAccount {
	username: string;
	displayName: string;
	role: Role;
	agency: string;
}

export interface DemoOrganization {
	slug: string;
	name: string;
	/** Plan files of seeds/plans, in import order. */
	plans: string[];
	accounts: DemoAccount[];
	/** Creates organizations (the demo's `admin`). */
	platformAdmins?: string[];
}

/** Cần Thơ's accounts (the first release's demo accounts, unchanged). */
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

const editorsOf = (prefix: string, place: string, leader: string): DemoAccount[] => [
	{ username: `${prefix}.admin`, displayName: `Quản trị (Thường trực BCĐ ${place})`, role: 'admin', agency: 'Sở Tài chính' },
	{ username: `${prefix}.thuky`, displayName: `Thư ký cuộc họp ${place}`, role: 'facilitator', agency: 'Sở Tài chính' },
	{ username: `${prefix}.lanhdao`, displayName: `Lãnh đạo ${leader}`, role: 'leader', agency: leader },
	{ username: `${prefix}.stc`, displayName: `Chuyên viên Sở Tài chính ${place}`, role: 'editor', agency: 'Sở Tài chính' },
	{
		username: `${prefix}.snnmt`,
		displayName: `Chuyên viên Sở Nông nghiệp và Môi trường ${place}`,
		role: 'editor',
		agency: 'Sở Nông nghiệp và Môi trường'
	}
];

/** The demo workspace: three committees from the four real plans, each with its own agencies and people. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
	{
		slug: 'can-tho',
		name: 'Ban Chỉ đạo thành phố Cần Thơ',
		plans: ['can-tho-2026-bcd-ktt.txt', 'can-tho-219-kh-ubnd-2023.txt'],
		accounts: DEMO_ACCOUNTS,
		platformAdmins: ['admin']
	},
	{
		slug: 'dong-nai',
		name: 'Ban Chỉ đạo tỉnh Đồng Nai',
		plans: ['dong-nai-2026-ktt.txt'],
		accounts: editorsOf('dn', 'Đồng Nai', 'Ủy ban nhân dân tỉnh')
	},
	{
		slug: 'ha-noi',
		name: 'Ban Chỉ đạo thành phố Hà Nội',
		plans: ['ha-noi-2026-ktt-htx.txt'],
		accounts: editorsOf('hn', 'Hà Nội', 'Ủy ban nhân dân thành phố')
	}
];

/** The four real plans shipped as the demo workspace. */
export const DEMO_PLANS = DEMO_ORGANIZATIONS.flatMap((o) => o.plans);
