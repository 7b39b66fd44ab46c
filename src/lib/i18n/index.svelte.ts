/**
 * The message catalogue: t('status.todo') in the current language (Vietnamese by default, English
 * on request). The choice is remembered in the browser; reading it in a template makes the text
 * follow a switch of language.
 */
import { vi, type MessageKey, type Messages } from './vi.js';
import { en } from './en.js';

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

export type MessageParams = Record<string, string | number>;

/**
 * Fills `{name}` placeholders; unknown placeholders are left as written so a mistake shows.
 * `{count|task|tasks}` picks a word by number (English needs it: "1 task", "2 tasks").
 */
export function format(template: string, params?: MessageParams): string {
	if (!params) return template;
	return template
		.replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
			name in params ? (Number(params[name]) === 1 ? one : other) : whole
		)
		.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: MessageParams): string {
	return format(CATALOGUES[state.locale][key] ?? vi[key], params);
}

/** A message in a given language, outside the reactive current one (tests, exports). */
export function translate(lang: Locale, key: MessageKey, params?: MessageParams): string {
	return format(CATALOGUES[lang][key], params);
}
