/** Messages of the members page (the committee's members and the communes each follows), Vietnamese and English. */
import { t, type MessageParams } from './index.svelte.js';

const vi = {
	docTitle: 'Thành viên và địa bàn · Phối hợp',
	heading: 'Thành viên Ban Chỉ đạo và địa bàn theo dõi',
	lead: 'Mỗi thành viên theo dõi một số xã, phường (Phụ lục II của kế hoạch). Tìm theo tên xã, tên thành viên hoặc đơn vị, có dấu hay không dấu.',
	search: 'Tìm xã, phường, thành viên hoặc đơn vị',
	byMember: 'Theo thành viên',
	byArea: 'Theo xã, phường',
	'col.member': 'Thành viên',
	'col.position': 'Chức vụ',
	'col.areas': 'Xã, phường theo dõi',
	'col.area': 'Xã, phường',
	'col.tasks': 'Nhiệm vụ của đơn vị',
	count: '{members} thành viên, {areas} xã, phường',
	empty: 'Kế hoạch của tổ chức chưa có danh sách phân công địa bàn (Phụ lục II).',
	noMatch: 'Không có kết quả cho “{query}”.',
	edit: 'Sửa',
	save: 'Lưu',
	cancel: 'Huỷ',
	areasHint: 'Mỗi xã, phường cách nhau bằng dấu phẩy',
	saved: 'Đã lưu địa bàn của {name}',
	noAgency: 'chưa xác định đơn vị'
};

export type MembersMessageKey = keyof typeof vi;

const en: Record<MembersMessageKey, string> = {
	docTitle: 'Members and areas · Phối hợp',
	heading: 'Steering committee members and the areas they follow',
	lead: 'Each member follows some communes and wards (Appendix II of the plan). Search by commune, member or agency, with or without diacritics.',
	search: 'Search communes, members or agencies',
	byMember: 'By member',
	byArea: 'By commune',
	'col.member': 'Member',
	'col.position': 'Position',
	'col.areas': 'Communes and wards followed',
	'col.area': 'Commune or ward',
	'col.tasks': 'Tasks of the agency',
	count: '{members} members, {areas} communes and wards',
	empty: 'The organization’s plans have no list of areas (Appendix II).',
	noMatch: 'Nothing matches “{query}”.',
	edit: 'Edit',
	save: 'Save',
	cancel: 'Cancel',
	areasHint: 'Separate communes and wards with commas',
	saved: 'Areas of {name} saved',
	noAgency: 'agency not identified'
};

/** This part of the one catalogue (index.svelte.ts), where its keys are `members.<key>`. */
export const membersMessages = { vi, en };

/** `t('members.<key>')`: the catalogue's lookup, with this part's keys. */
export function mt(key: MembersMessageKey, params?: MessageParams): string {
	return t(`members.${key}`, params);
}
