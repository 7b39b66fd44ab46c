/** Filling a catalogue template, shared by the browser's t() and the server's error messages. */
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
