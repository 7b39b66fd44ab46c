/**
 * Prints HTML to PDF with Debian's Chromium (no browser download), A4 landscape, as an office's
 * "Save as PDF" would. Tests that need it skip, saying why, when /usr/bin/chromium is missing.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

let browser: Promise<Browser> | null = null;

export async function printPdf(html: string): Promise<Uint8Array> {
	browser ??= chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const page = await (await browser).newPage();
	try {
		await page.setContent(html, { waitUntil: 'load' });
		return new Uint8Array(await page.pdf({ format: 'A4', landscape: true, margin: { top: '20mm', bottom: '20mm', left: '25mm', right: '15mm' } }));
	} finally {
		await page.close();
	}
}

export async function closePrinter(): Promise<void> {
	const b = browser;
	browser = null;
	if (b) await (await b).close();
}
