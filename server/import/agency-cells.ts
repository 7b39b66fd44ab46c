import { resolveAgency, splitAgencies } from '../../src/lib/core/agency.js';
import type { Warnings } from './warnings.js';

/**
 * Canonical agency names for one cell (or agency phrase), without repeats. A merged agency is
 * mapped to the agency that exists now, and the plan gets a warning saying so (once per name).
 */
export function agenciesOf(raw: string, line: number | null, warnings: Warnings): string[] {
	const names: string[] = [];
	for (const part of splitAgencies(raw)) {
		const { name, mergedFrom } = resolveAgency(part);
		if (mergedFrom) {
			warnings.once(`merged:${mergedFrom}`, line, 'plan_agency_renamed', { old: mergedFrom, name });
		}
		if (!names.includes(name)) names.push(name);
	}
	return names;
}
