import { describe, expect, it } from 'vitest';
import { summarizeUserAgent } from '../../../server/auth/user-agent.js';

describe('a browser named from its User-Agent', () => {
	const cases: [string, string | null, string | null][] = [
		['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome 131', 'Windows'],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
			'Edge 131',
			'Windows'
		],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/125.0.214 Chrome/119.0.6045.214 Safari/537.36',
			'Cốc Cốc 125',
			'Windows'
		],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
			'Safari 17',
			'iPhone'
		],
		[
			'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
			'Samsung Internet 25',
			'Android'
		],
		['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox 128', 'macOS'],
		['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome 131', 'Linux'],
		['curl/8.5.0', 'curl 8', null],
		['node', 'Node.js', null],
		['một trình duyệt lạ', null, null]
	];
	it.each(cases)('%s → %s on %s', (ua, browser, os) => {
		expect(summarizeUserAgent(ua)).toEqual({ browser, os });
	});
	it('nothing to name without a User-Agent', () => {
		expect(summarizeUserAgent(null)).toEqual({ browser: null, os: null });
	});
});
