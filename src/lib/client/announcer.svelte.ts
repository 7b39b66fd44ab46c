/**
 * The polite live region's text: what keyboard moves and other silent changes tell a screen reader.
 * Setting the same sentence twice still reads it twice (the text is cleared first).
 */
class Announcer {
	message = $state('');

	say(text: string): void {
		this.message = '';
		queueMicrotask(() => (this.message = text));
	}
}

export const announcer = new Announcer();
