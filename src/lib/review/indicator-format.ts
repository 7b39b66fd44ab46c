/**
 * How an indicator's target and reported value read, in Vietnamese number style ("3.200", "1,5"):
 * "trên 65 %", "từ 240 HTX trở lên", "05–06 mô hình".
 */
import type { SummaryIndicator } from './board-summary.js';

type Target = SummaryIndicator['targets'][number];

export function formatNumber(n: number): string {
	return n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}

export function formatTarget(t: Target): string {
	const unit = t.unit ? (t.unit === '%' ? '%' : ` ${t.unit}`) : '';
	const v = formatNumber(t.value);
	switch (t.comparator) {
		case 'gt':
			return `trên ${v}${unit}`;
		case 'gte':
			return `từ ${v}${unit} trở lên`;
		case 'about':
			return `khoảng ${v}${unit}`;
		case 'range':
			return `${v}–${formatNumber(t.max ?? t.value)}${unit}`;
		default:
			return `${v}${unit}`;
	}
}

export function formatTargets(ind: SummaryIndicator): string {
	return ind.targets.length ? ind.targets.map(formatTarget).join('; ') : '—';
}

/** Whether the reported value meets the first target (null when nothing is reported or measurable). */
export function targetMet(ind: SummaryIndicator): boolean | null {
	const t = ind.targets[0];
	if (!t || ind.reportedValue === null) return null;
	const v = ind.reportedValue;
	switch (t.comparator) {
		case 'gt':
			return v > t.value;
		case 'range':
			return v >= t.value;
		default:
			return v >= t.value;
	}
}
