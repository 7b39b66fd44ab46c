/**
 * The message catalogue: t('status.todo') in the current language (Vietnamese by default, English
 * on request). The choice is remembered in the browser; reading it in a template makes the text
 * follow a switch of language.
 */
import { vi, type MessageKey, type Messages } from './vi.js';
import { en } from './en.js';
import { format, type MessageParams } from './format.js';
import { errorMessage } from './errors.js';
import { syncRefusal } from './sync-refusals.js';

export type { MessageKey } from './vi.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, as a language switch shows them. */
export const LOCALE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English' };

const CATALOGUES: Record<Locale, Messages> = { vi, en };
const STORAGE_KEY = 'phoihop.locale';

function initialLocale(): Locale {
	try {
		const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
		if (saved === 'vi' || saved === 'en') return saved;
	} catch {
		// Storage may be blocked; Vietnamese is the default anyway.
	}
	return 'vi';
}

const state = $state({ locale: initialLocale() });

export function locale(): Locale {
	return state.locale;
}

export function setLocale(next: Locale): void {
	state.locale = next;
	try {
		globalThis.localStorage?.setItem(STORAGE_KEY, next);
	} catch {
		// Not remembered; the switch still applies to this page.
	}
	if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export { format, type MessageParams };

export function t(key: MessageKey, params?: MessageParams): string {
	return format(CATALOGUES[state.locale][key] ?? vi[key], params);
}

/** A message in a given language, outside the reactive current one (tests, exports). */
export function translate(lang: Locale, key: MessageKey, params?: MessageParams): string {
	return format(CATALOGUES[lang][key], params);
}

/** An API error code with its params (`{ error: { code, params } }`), worded in the current language. */
export function errorText(code: string, params?: MessageParams): string {
	return errorMessage(state.locale, code, params);
}

/** The sync server's refusal of an update (Vietnamese text, sometimes with a code), in the current language. */
export function refusalText(reason: string): string {
	return syncRefusal(state.locale, reason);
}
