/**
 * A short, recognisable name for a browser from its User-Agent ("Chrome 131", "Windows"), for the
 * user's list of sessions. Only the common browsers and systems are named; the rest stay null and
 * the page says "unknown browser".
 */
export interface DeviceSummary {
	browser: string | null;
	os: string | null;
}

const BROWSERS: [RegExp, string][] = [
	// Order matters: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari".
	[/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
	[/\bOPR\/(\d+)/, 'Opera'],
	[/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
	[/\bCocCoc\/(\d+)|\bcoc_coc_browser\/(\d+)/, 'Cốc Cốc'],
	[/\bFirefox\/(\d+)|\bFxiOS\/(\d+)/, 'Firefox'],
	[/\b(?:Headless)?Chrom(?:e|ium)\/(\d+)|\bCriOS\/(\d+)/, 'Chrome'],
	[/\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
	[/^node\b|\bnode-fetch\b|\bundici\b/i, 'Node.js'],
	[/^curl\/(\d+)/, 'curl']
];

const SYSTEMS: [RegExp, string][] = [
	[/\bWindows NT\b/, 'Windows'],
	[/\biPhone\b/, 'iPhone'],
	[/\biPad\b/, 'iPad'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

export function summarizeUserAgent(ua: string | null | undefined): DeviceSummary {
	if (!ua) return { browser: null, os: null };
	let browser: string | null = null;
	for (const [re, name] of BROWSERS) {
		const m = re.exec(ua);
		if (m) {
			const version = m.slice(1).find(Boolean);
			browser = version ? `${name} ${version}` : name;
			break;
		}
	}
	const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
	return { browser, os };
}
