import { capitalizeFirst, collapseSpaces, nfc, searchKey } from './text.js';

/**
 * Words that start an agency name. In a cell, a comma (or "và") followed by one of these
 * starts a new agency; followed by anything else it continues the name, as in
 * "Sở Văn hóa, Thể thao và Du lịch". Look-aheads keep out common words that share a head
 * ("Ban hành", "Hội nghị", "Các nhiệm vụ").
 */
const HEAD_WORDS = [
	'Sở',
	'Hội(?! (?:nghị|thảo|chợ|thi|diễn))',
	'Liên minh',
	'Liên hiệp',
	'Ủy ban',
	'Uỷ ban',
	'UBND',
	'UBMTTQ',
	'Mặt trận',
	'Ngân hàng',
	'NHNN',
	'Văn phòng',
	'Thống kê',
	'Cục',
	'Chi cục',
	'Thuế',
	'Bảo hiểm',
	'BHXH',
	'Ban(?! hành)',
	'Bộ(?! (?:máy|phận))',
	'Công an',
	'Kho bạc',
	'Quỹ',
	'Thành đoàn',
	'Tỉnh đoàn',
	'Trung tâm',
	'Viện',
	'Tòa án',
	'Hải quan',
	'Thành ủy',
	'Tỉnh ủy'
];
/** "Các …" is a group of agencies only before these nouns ("Các sở", not "Các nhiệm vụ"). */
const COLLECTIVE_NOUNS = [
	'sở',
	'ban',
	'ngành',
	'bộ',
	'cơ quan',
	'đơn vị',
	'địa phương',
	'tổ chức',
	'hội',
	'đoàn thể',
	'thành viên',
	'ủy ban',
	'UBND',
	'xã',
	'phường',
	'quận',
	'huyện',
	'cấp',
	'ngân hàng'
].map((n) => `[${n[0]}${n[0].toLocaleUpperCase('vi')}]${n.slice(1)}`);
const HEAD = `(?:${HEAD_WORDS.join('|')}|[Cc]ác (?:${COLLECTIVE_NOUNS.join('|')}))(?![\\p{L}\\p{N}])`;
const HEAD_RE = new RegExp(`^${HEAD}`, 'u');

/** True when the text starts like an agency name (used to find agency headings in prose). */
export function startsWithAgency(text: string): boolean {
	return HEAD_RE.test(nfc(text).trim());
}

/** Splits a lead/support cell into agency names, as written. */
export function splitAgencies(cell: string): string[] {
	const parts: string[] = [];
	for (const chunk of nfc(cell).split(/[;\n]+/)) {
		const text = collapseSpaces(chunk.replace(/\s+/g, ' '))
			.replace(/[.:,]+$/, '')
			.trim();
		let start = 0;
		const sep = /\s*,\s*|\s+và\s+/g;
		for (let m = sep.exec(text); m; m = sep.exec(text)) {
			const rest = text.slice(m.index + m[0].length);
			if (!HEAD_RE.test(rest)) continue;
			parts.push(text.slice(start, m.index));
			start = m.index + m[0].length;
		}
		parts.push(text.slice(start));
	}
	return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Groups of agencies ("Các sở, ngành, địa phương", "UBND các phường, xã"), not single agencies. */
export function isCollective(name: string): boolean {
	const k = searchKey(name);
	return /^cac\s/.test(k) || /^(ubnd|uy ban nhan dan)\s+(cac\s+)?(quan|huyen|thi xa|xa|phuong|thi tran)\b/.test(k);
}

/** Key for matching agency names: diacritics, case, punctuation and tone placement ignored. */
export function agencyKey(name: string): string {
	return searchKey(name)
		.replace(/[^\p{L}\p{N}&]+/gu, ' ')
		.trim();
}

/** 2025 mergers: the old name (as a key) and the agency that took it over. */
const MERGED_INTO: Array<[RegExp, string]> = [
	[/^so (ke hoach va dau tu|kh ?& ?dt|khdt)\b/, 'Sở Tài chính'],
	[/^so (nong nghiep va phat trien nong thon|nn ?& ?ptnt|nnptnt)\b/, 'Sở Nông nghiệp và Môi trường'],
	[/^so (tai nguyen va moi truong|tn ?& ?mt|tnmt)\b/, 'Sở Nông nghiệp và Môi trường'],
	[/^so (thong tin va truyen thong|tt ?& ?tt|tttt)\b/, 'Sở Khoa học và Công nghệ'],
	[/^so giao thong van tai\b/, 'Sở Xây dựng'],
	[/^so lao dong ?[-–,]? ?thuong binh va xa hoi\b/, 'Sở Nội vụ']
];

/**
 * Spelling variants, matched on the key: the matched head is rewritten to the spelling
 * kept, the rest of the name stays as printed.
 */
const SPELLINGS: Array<[RegExp, string]> = [
	[/^hoi nong dan\b/, 'Hội Nông dân'],
	[/^hoi lien hiep phu nu\b/, 'Hội Liên hiệp Phụ nữ'],
	[/^lien minh (htx|hop tac xa)\b/, 'Liên minh Hợp tác xã'],
	[/^mat tran to quoc\b/, 'Mặt trận Tổ quốc'],
	[/^uy ban mat tran to quoc\b/, 'Ủy ban Mặt trận Tổ quốc'],
	[/^(nhnn|ngan hang nha nuoc)( viet nam)?\s*[-–]?\s*chi nhanh (kv|khu vuc)\s*/, 'Ngân hàng Nhà nước – Chi nhánh Khu vực ']
];

/** Collectives printed with and without commas ("Các sở ngành, địa phương"). */
const COLLECTIVES = [
	'Các sở, ngành, địa phương',
	'Các sở, ban, ngành, địa phương',
	'Các sở, ban, ngành',
	'Các sở, ngành',
	'Các địa phương',
	'Các đơn vị có liên quan',
	'UBND các phường, xã'
];
/** The same group written in another order. */
const COLLECTIVE_SYNONYMS: Array<[string, string]> = [['UBND các xã, phường', 'UBND các phường, xã']];
const COLLECTIVE_BY_KEY = new Map([
	...COLLECTIVES.map((c): [string, string] => [agencyKey(c).replace(/ /g, ''), c]),
	...COLLECTIVE_SYNONYMS.map(([variant, c]): [string, string] => [agencyKey(variant).replace(/ /g, ''), c])
]);

/** What canonicalAgency did, so the importer can say so in a warning. */
export interface CanonicalAgency {
	name: string;
	/** The old agency name when a 2025 merger was applied. */
	mergedFrom: string | null;
}

/**
 * The current canonical name of an agency: spelling variants unified and merged agencies
 * mapped to the agency that exists now. "X (nay là Y)" gives Y.
 */
export function canonicalAgency(name: string): string {
	return resolveAgency(name).name;
}

export function resolveAgency(name: string): CanonicalAgency {
	let text = collapseSpaces(nfc(name).replace(/\s+/g, ' ')).replace(/[.:;,]+$/, '');
	const nowIs = text.match(/\(\s*nay là\s+([^)]+)\)/i);
	if (nowIs) text = nowIs[1].trim();
	text = capitalizeFirst(text.replace(/^Uỷ/, 'Ủy'));
	const key = searchKey(text);

	for (const [re, merged] of MERGED_INTO) {
		if (re.test(key)) return { name: merged, mergedFrom: text };
	}
	const collective = COLLECTIVE_BY_KEY.get(agencyKey(text).replace(/ /g, ''));
	if (collective) return { name: collective, mergedFrom: null };
	for (const [re, spelling] of SPELLINGS) {
		const m = key.match(re);
		if (m) return { name: respell(spelling, text.slice(m[0].length)), mergedFrom: null };
	}
	return { name: text, mergedFrom: null };
}

/** Joins the kept spelling to the rest of the name; "thành phố" after it is written lower-case in most plans. */
function respell(spelling: string, rest: string): string {
	// searchKey keeps one character per NFC letter, so an offset in the key is an offset in the text.
	const tail = rest.replace(/^\s*Thành phố(?=\s|$)/, ' thành phố');
	if (!tail || spelling.endsWith(' ') || /^\s/.test(tail)) return (spelling + tail).replace(/ {2,}/g, ' ');
	return `${spelling} ${tail}`;
}

/** Initials for chips: "Sở Tài chính" → "STC"; all-caps words (UBND, HTX) and numbers stay whole. */
export function agencyShortName(name: string): string {
	const words = canonicalAgency(name)
		.replace(/[–-]/g, ' ')
		.split(/[\s,()]+/)
		.filter((w) => w && w.toLowerCase() !== 'và' && w !== '&');
	return words.map((w) => (/^[\p{Lu}\p{N}]{2,}$/u.test(w) || /^\p{N}+$/u.test(w) ? w : initial(w))).join('');
}

/** Abbreviations drop tone marks but keep Đ ("Ủy ban" → "U", "Đào tạo" → "Đ"). */
function initial(word: string): string {
	const first = word.charAt(0).toLocaleUpperCase('vi');
	return first === 'Đ' ? first : first.normalize('NFD').replace(/\p{M}/gu, '');
}
