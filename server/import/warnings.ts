import type { ParseWarning } from '../../src/lib/core/parsed-plan.js';

/** Collects the parser's warnings; `once` keeps repeated facts (a merged agency) to one line. */
export class Warnings {
	readonly list: ParseWarning[] = [];
	private readonly seen = new Set<string>();

	add(line: number | null, message: string): void {
		this.list.push({ line, message });
	}

	once(key: string, line: number | null, message: string): void {
		if (this.seen.has(key)) return;
		this.seen.add(key);
		this.add(line, message);
	}
}
