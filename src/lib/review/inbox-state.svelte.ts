/**
 * The unread count of the inbox, shared by the header badge and the inbox page (reading a message
 * there lowers the badge at once). Live: the server pushes the count over server-sent events
 * (/api/inbox/stream) when a message arrives; a slow poll covers a stream that is down.
 */
import { inboxApi } from './review-api.js';

const POLL_MS = 30_000;

class InboxState {
	unread = $state(0);
	private timer: ReturnType<typeof setInterval> | null = null;
	private stream: EventSource | null = null;
	private users = 0;

	async refresh(): Promise<void> {
		try {
			this.unread = (await inboxApi.unread()).unread;
		} catch {
			// A failed poll keeps the last count; the next one tries again.
		}
	}

	/** Starts polling while at least one badge is on screen; returns the stop function. */
	watch(): () => void {
		this.users++;
		if (!this.timer) {
			void this.refresh();
			this.timer = setInterval(() => void this.refresh(), POLL_MS);
			if (typeof EventSource !== 'undefined') {
				this.stream = new EventSource('/api/inbox/stream');
				this.stream.addEventListener('unread', (e) => {
					const n = (JSON.parse((e as MessageEvent<string>).data) as { unread?: unknown }).unread;
					if (typeof n === 'number') this.unread = n;
				});
			}
		}
		return () => {
			this.users--;
			if (this.users === 0 && this.timer) {
				clearInterval(this.timer);
				this.timer = null;
				this.stream?.close();
				this.stream = null;
			}
		};
	}
}

export const inboxState = new InboxState();
