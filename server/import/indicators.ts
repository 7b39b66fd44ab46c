import type { Comparator, Indicator, Target } from '../../src/lib/core/parsed-plan.js';
import { searchKey } from '../../src/lib/core/text.js';
import { parseVnNumber, VN_NUMBER_SOURCE } from '../../src/lib/core/vn-number.js';
import type { Block } from './outline.js';
import type { Warnings } from './warnings.js';

/**
 * Numeric targets ("chỉ tiêu") are the lettered items or bullets under a "Mục tiêu cụ thể"
 * heading, up to the next heading of the same or a higher level.
 */
export function readIndicators(blocks: Block[], warnings: Warnings): Indicator[] {
	const indicators: Indicator[] = [];
	for (let i = 0; i < blocks.length; i++) {
		const heading = blocks[i];
		if (heading.kind === 'bullet' || heading.kind === 'lettered') continue;
		if (!/\b(muc tieu|chi tieu) cu the\b/.test(searchKey(heading.body))) continue;
		// Plain lines inside the list ("Phấn đấu đạt được một số chỉ tiêu cụ thể:") are skipped, so a
		// second heading inside the same list does not read it twice.
		let j = i + 1;
		for (; j < blocks.length; j++) {
			const b = blocks[j];
			if (b.kind === 'roman' || b.kind === 'recipients' || (b.kind === 'numbered' && heading.kind !== 'roman')) break;
			if (b.kind === 'plain') continue;
			const text = b.body.replace(/[\s;,]+$/, '');
			const targets = targetsIn(text);
			if (!targets.length) warnings.add(b.line, 'plan_target_no_figure', { text: shorten(text) });
			indicators.push({ code: b.kind === 'lettered' ? b.marker : null, text, targets });
		}
		i = j - 1;
	}
	return indicators;
}

// A number, an optional second one for ranges ("05-06", "5 đến 6"), an optional "%".
const TARGET_RE = new RegExp(`(${VN_NUMBER_SOURCE})(?:\\s*(?:-|–|đến)\\s*(${VN_NUMBER_SOURCE}))?(\\s*%)?`, 'gu');
// Numbers after these words are references (years, document numbers, dates), not targets.
const REFERENCE_BEFORE = /(?:số|năm|giai đoạn|điều|khoản|khóa|lần thứ|ngày|tháng|quý|Nghị định|Quyết định)\s*$/iu;
const COMPARATOR_BEFORE = /^.*(?<!\p{L})(ít nhất|tối thiểu|không dưới|không ít hơn|trên|hơn|vượt|khoảng|gần|xấp xỉ)(?:\s+[^\s\d]+){0,2}\s*$/su;
const COMPARATORS: Record<string, Comparator> = {
	'ít nhất': 'gte',
	'tối thiểu': 'gte',
	'không dưới': 'gte',
	'không ít hơn': 'gte',
	trên: 'gt',
	hơn: 'gt',
	vượt: 'gt',
	khoảng: 'about',
	gần: 'about',
	'xấp xỉ': 'about'
};
const UNIT_RE = new RegExp(
	'^\\s*(' +
		[
			'(?:triệu |tỷ |nghìn )?đồng(?:/\\p{L}+)?',
			'LH HTX',
			'liên hiệp HTX',
			'liên hiệp hợp tác xã',
			'HTX',
			'hợp tác xã',
			'THT',
			'tổ hợp tác',
			'mô hình',
			'người',
			'lao động',
			'thành viên',
			'cán bộ',
			'lượt',
			'lớp',
			'doanh nghiệp',
			'ha',
			'tấn'
		].join('|') +
		')(?!\\p{L})',
	'u'
);

/** The targets stated in one indicator. */
export function targetsIn(text: string): Target[] {
	const targets: Target[] = [];
	let boundary = 0;
	for (const m of text.matchAll(TARGET_RE)) {
		const start = m.index ?? 0;
		const end = start + m[0].length;
		const before = text.slice(boundary, start);
		const after = text.slice(end);
		boundary = end;
		// Part of a date, a document number ("20-NQ/TW") or a decimal already read.
		if (/[\d/.,]$/.test(text.slice(0, start)) || /^\s*[/-]\s*[\p{L}\d]/u.test(after)) continue;
		if (REFERENCE_BEFORE.test(before)) continue;
		const value = parseVnNumber(m[1]);
		if (value === null) continue;
		const max = m[2] ? parseVnNumber(m[2]) : null;
		const unit = m[3] ? '%' : (after.match(UNIT_RE)?.[1] ?? null);
		targets.push({ value, max, unit, comparator: comparatorOf(before, after, max !== null) });
	}
	return targets;
}

function comparatorOf(before: string, after: string, isRange: boolean): Comparator {
	if (isRange) return 'range';
	// "từ 240 HTX trở lên": the bound is stated after the number, within its clause.
	if (after.split(/[;,.:]/)[0].includes('trở lên')) return 'gte';
	const m = before.match(COMPARATOR_BEFORE);
	return m ? COMPARATORS[m[1].toLowerCase()] : 'eq';
}

function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
