/**
 * The message catalogue: t('status.todo') in the current language (Vietnamese by default, English
 * on request). The choice is remembered in the browser; reading it in a template makes the text
 * follow a switch of language. One catalogue in parts: the board's own messages (vi.ts, en.ts) and
 * one file per area whose keys are prefixed with the area (`admin.`, `editing.`, `import.`,
 * `members.`, `notify.`, `review.`, `api.` for the API's error codes and `note.` for the notes the
 * server sends as codes); t() looks up all of them.
 */
import { vi, type MessageKey as BoardMessageKey } from './vi.js';
import { en } from './en.js';
import { adminMessages, type AdminMessageKey } from './admin.js';
import { editingMessages, type BoardEditingKey } from './board-editing.js';
import { importMessages, type ImportMessageKey } from './import.js';
import { membersMessages, type MembersMessageKey } from './members.js';
import { notificationMessages, type NotificationMessageKey } from './notifications.js';
import { reviewMessages, type ReviewMessageKey } from './review.js';
import { errorMessages, type ErrorMessageKey } from './errors.js';
import { noteMessage, noteMessages, type NoteCode } from './notes.js';
import type { Note } from '../core/api/notes.js';
import { format, type MessageParams } from './format.js';
import { errorMessage } from './errors.js';
import { refusalMessage } from './sync-refusals.js';

export type MessageKey =
	| BoardMessageKey
	| `admin.${AdminMessageKey}`
	| `editing.${BoardEditingKey}`
	| `import.${ImportMessageKey}`
	| `members.${MembersMessageKey}`
	| `notify.${NotificationMessageKey}`
	| `review.${ReviewMessageKey}`
	| `api.${ErrorMessageKey}`
	| `note.${NoteCode}`;

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, as a language switch shows them. */
export const LOCALE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English' };

type Catalogue = Record<string, string>;
let catalogues: Record<Locale, Catalogue> | null = null;

/**
 * The catalogue of a language, assembled on first use: the area files import t() from here, so
 * their parts are read when the first message is, not while the modules are still loading.
 */
function catalogue(lang: Locale): Catalogue {
	catalogues ??= assemble();
	return catalogues[lang];
}

function assemble(): Record<Locale, Catalogue> {
	const parts: Record<string, Record<Locale, Catalogue>> = {
		admin: adminMessages,
		editing: editingMessages,
		import: importMessages,
		members: membersMessages,
		notify: notificationMessages,
		review: reviewMessages,
		api: errorMessages,
		note: noteMessages
	};
	const out: Record<Locale, Catalogue> = { vi: { ...vi }, en: { ...en } };
	for (const [prefix, part] of Object.entries(parts)) {
		for (const lang of LOCALES) for (const [key, text] of Object.entries(part[lang])) out[lang][`${prefix}.${key}`] = text;
	}
	return out;
}
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
	return translate(state.locale, key, params);
}

/** A message in a given language, outside the reactive current one (tests, exports); Vietnamese when the language lacks it. */
export function translate(lang: Locale, key: MessageKey, params?: MessageParams): string {
	return format(catalogue(lang)[key] ?? catalogue('vi')[key] ?? key, params);
}

/**
 * An API error code with its params (`{ error: { code, params } }`), worded in the current language
 * from the catalogue's `api.` part (errors.ts picks the `code.detail` variant; the server words
 * `message` with the same part).
 */
export function errorText(code: string, params?: MessageParams): string {
	return errorMessage(state.locale, code, params);
}

/**
 * A note the server sent as a code with params (an import warning, where a row is, an inbox
 * message), worded in the current language from the catalogue's `note.` part (notes.ts). A plain
 * string is a text the server stored before it sent codes, shown as written.
 */
export function noteText(n: Note | string): string {
	return typeof n === 'string' ? n : noteMessage(state.locale, n);
}

/**
 * The refusal of a board update in the current language: the sync server's "permission denied"
 * reason (`code` or `update_invalid:<rule>`) or a round-trip answer's `{ code, params }`, worded
 * from the catalogue's refusal part (sync-refusals.ts); anything else reads as a plain refusal.
 */
export function refusalText(refusal: unknown): string {
	return refusalMessage(state.locale, refusal);
}
