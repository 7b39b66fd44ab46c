/**
 * axe-core run inside the page (its source injected as a script): the serious and critical
 * violations, each with the selectors of the first nodes, so a failure names what to fix.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeProblem {
	id: string;
	impact: string;
	help: string;
	nodes: string[];
}

export async function seriousViolations(page: Page): Promise<AxeProblem[]> {
	// Evaluated through the DevTools protocol: a <script> tag would be refused by the page's CSP (script-src 'self' + nonce).
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	return page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run(
						ctx: Document,
						opts: object
					): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
				};
			}
		).axe;
		const result = await axe.run(document, { resultTypes: ['violations'] });
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
	});
}
