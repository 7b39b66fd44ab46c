/**
 * The order of tasks as the plan printed them: section by section, then by row number. Card codes
 * are "II.3" (section code, then the row), so "II.10" comes after "II.9".
 */
import type { SectionData } from '../core/board-types.js';

/** Compares codes part by part, numbers as numbers ("I.2" < "I.10" < "II.1"). */
export function compareCodes(a: string, b: string): number {
	const pa = a.split(/[.\s]+/);
	const pb = b.split(/[.\s]+/);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const x = pa[i] ?? '';
		const y = pb[i] ?? '';
		if (x === y) continue;
		const nx = /^\d+$/.test(x) ? Number(x) : NaN;
		const ny = /^\d+$/.test(y) ? Number(y) : NaN;
		if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
		return x.localeCompare(y, 'vi');
	}
	return 0;
}

/** The row number inside its section: "3" for "II.3" in section "II"; the code itself otherwise. */
export function sttOf(code: string, sectionCode: string | undefined): string {
	if (sectionCode && code.startsWith(`${sectionCode}.`)) return code.slice(sectionCode.length + 1);
	return code;
}

/** Sorts cards into plan order; cards of an unknown section come last. */
export function sortInPlanOrder<T extends { code: string; sectionId: string; id: string }>(cards: T[], sections: SectionData[]): T[] {
	const rank = new Map(sections.map((s) => [s.id, s.order]));
	const sectionRank = (c: T) => rank.get(c.sectionId) ?? Number.MAX_SAFE_INTEGER;
	return [...cards].sort((a, b) => sectionRank(a) - sectionRank(b) || compareCodes(a.code, b.code) || (a.id < b.id ? -1 : 1));
}
