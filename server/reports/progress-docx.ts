/**
 * The progress report for the 6-monthly and yearly reporting (báo cáo 6 tháng / năm), as a DOCX in
 * the usual administrative layout: heading with the national motto, title, the category counts
 * overall and per lead agency, the task table with "Kết quả thực hiện", indicators and obstacles.
 */
import type { FileChild } from 'docx';
import { percentOf, totalOf, type BoardSummary } from '../../src/lib/review/board-summary.js';
import { formatDate } from '../../src/lib/core/dates.js';
import { formatNumber, formatTargets } from '../../src/lib/review/indicator-format.js';
import { agencyNames, categoryLabel, DEADLINE_CATEGORIES, planReference, statusLabel } from './labels.js';
import { figuresByAgency } from './dashboard.js';
import { dataTable, nationalHeading, para, renderDocx, signatureBlock, titleBlock, type TableRowInput } from './docx-layout.js';

export type ReportPeriod = 'half-year' | 'year';

export function periodLabel(period: ReportPeriod, year: number): string {
	return period === 'half-year' ? `6 tháng đầu năm ${year}` : `năm ${year}`;
}

/** The period a report made on a day is most likely for: the first half until the yearly round. */
export function defaultPeriod(today: string): ReportPeriod {
	return Number(today.slice(5, 7)) <= 8 ? 'half-year' : 'year';
}

export async function progressReportDocx(summary: BoardSummary, opts: { period: ReportPeriod; date: string }): Promise<Buffer> {
	const year = Number(summary.asOf.slice(0, 4));
	const issuer = summary.plan.issuer ?? 'Ban Chỉ đạo kinh tế tập thể';
	const total = totalOf(summary.counts);
	const ref = planReference(summary.plan);
	const children: FileChild[] = [
		nationalHeading({ issuer, number: 'Số:        /BC-BCĐ', place: summary.plan.place, date: opts.date }),
		...titleBlock('BÁO CÁO', [`Kết quả thực hiện ${ref.charAt(0).toLocaleLowerCase('vi')}${ref.slice(1)} ${periodLabel(opts.period, year)}`]),
		para(`(${summary.plan.title})`, { align: 'center', italic: true, after: 12 }),
		para(
			`Thực hiện ${ref} về ${summary.plan.title.charAt(0).toLocaleLowerCase('vi')}${summary.plan.title.slice(1)}, ` +
				`Cơ quan thường trực tổng hợp kết quả thực hiện ${periodLabel(opts.period, year)} như sau:`,
			{ indent: 28 }
		),
		para('I. KẾT QUẢ CHUNG', { bold: true, before: 6 }),
		para(`Tổng số nhiệm vụ theo dõi: ${total} nhiệm vụ. Số liệu tính đến ngày ${formatDate(summary.asOf)}, trong đó:`, { indent: 28 }),
		...DEADLINE_CATEGORIES.map((c) =>
			para(`- ${categoryLabel(c)}: ${summary.counts[c]} nhiệm vụ (${formatNumber(percentOf(summary.counts[c], total))}%).`, { indent: 28, after: 0 })
		),
		para('', { after: 6 }),
		dataTable(
			[
				{ header: 'Phân loại', width: 60 },
				{ header: 'Số nhiệm vụ', width: 20, align: 'center' },
				{ header: 'Tỷ lệ (%)', width: 20, align: 'center' }
			],
			[
				...DEADLINE_CATEGORIES.map((c) => ({
					cells: [categoryLabel(c), String(summary.counts[c]), formatNumber(percentOf(summary.counts[c], total))]
				})),
				{ cells: ['Tổng cộng', String(total), total ? '100' : '0'], bold: true }
			]
		),
		para('II. KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ', { bold: true, before: 12 }),
		dataTable(
			[
				{ header: 'Cơ quan chủ trì', width: 36 },
				{ header: 'Tổng số', width: 12, align: 'center' },
				...DEADLINE_CATEGORIES.map((c) => ({ header: categoryLabel(c), width: 13, align: 'center' as const }))
			],
			figuresByAgency(summary).map((a) => ({
				cells: [a.name, String(a.total), ...DEADLINE_CATEGORIES.map((c) => String(a.counts[c]))]
			})),
			11
		),
		para('III. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ', { bold: true, before: 12 }),
		taskTable(summary)
	];
	if (summary.indicators.length) {
		children.push(
			para('IV. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', { bold: true, before: 12 }),
			dataTable(
				[
					{ header: 'STT', width: 7, align: 'center' },
					{ header: 'Chỉ tiêu', width: 55 },
					{ header: 'Mục tiêu', width: 19, align: 'center' },
					{ header: 'Kết quả', width: 19, align: 'center' }
				],
				summary.indicators.map((ind, i) => ({
					cells: [
						ind.code ?? String(i + 1),
						ind.text,
						formatTargets(ind),
						ind.reportedValue === null ? 'Chưa báo cáo' : formatNumber(ind.reportedValue)
					]
				}))
			)
		);
	}
	const blocked = summary.cards.filter((c) => c.status === 'blocked');
	children.push(
		para(`${summary.indicators.length ? 'V' : 'IV'}. KHÓ KHĂN, VƯỚNG MẮC`, { bold: true, before: 12 }),
		...(blocked.length
			? blocked.map((c) =>
					para(`- Nhiệm vụ ${c.code} (${agencyNames(summary, c.lead)} chủ trì): ${c.title}${c.result ? `. ${c.result}` : ''}`, {
						indent: 28,
						after: 0
					})
				)
			: [para('Không có nhiệm vụ vướng mắc cần Ban Chỉ đạo cho ý kiến.', { indent: 28 })]),
		para('', { after: 12 }),
		signatureBlock(['Thành viên Ban Chỉ đạo', 'Các cơ quan chủ trì, phối hợp', 'Lưu: VT'], ['TM. BAN CHỈ ĐẠO', 'CƠ QUAN THƯỜNG TRỰC'], null)
	);
	return renderDocx(children, { title: `Báo cáo kết quả thực hiện ${periodLabel(opts.period, year)}` });
}

function taskTable(summary: BoardSummary) {
	const rows: TableRowInput[] = [];
	const bySection = new Map<string, BoardSummary['cards']>();
	for (const c of summary.cards) bySection.set(c.sectionId, [...(bySection.get(c.sectionId) ?? []), c]);
	const known = new Set(summary.sections.map((s) => s.id));
	const groups = [
		...summary.sections.map((s) => ({ s, cards: bySection.get(s.id) ?? [] })),
		{ s: null, cards: summary.cards.filter((c) => !known.has(c.sectionId)) }
	];
	for (const { s, cards } of groups) {
		if (s && (s.code || s.title) && cards.length) rows.push({ band: [s.code, s.title].filter(Boolean).join('. ') });
		for (const c of cards) {
			const state = c.status === 'done' ? categoryLabel(c.category) : `${statusLabel(c.status)} (${c.progress}%)\n${categoryLabel(c.category)}`;
			rows.push({ cells: [c.stt, c.title, agencyNames(summary, c.lead), c.deadline.raw, state, c.result] });
		}
	}
	return dataTable(
		[
			{ header: 'STT', width: 7, align: 'center' },
			{ header: 'Nhiệm vụ', width: 29 },
			{ header: 'Cơ quan chủ trì', width: 16 },
			{ header: 'Thời gian hoàn thành', width: 12, align: 'center' },
			{ header: 'Tình trạng', width: 14, align: 'center' },
			{ header: 'Kết quả thực hiện', width: 22 }
		],
		rows,
		11
	);
}
