/**
 * The unread count of the agency inbox, shared by the header badge and the inbox page (reading a
 * message there lowers the badge at once). Polled, since reminders arrive rarely.
 */
import { inboxApi } from './review-api.js';

const POLL_MS = 30_000;

class InboxState {
	unread = $state(0);
	private timer: ReturnType<typeof setInterval> | null = null;
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
		}
		return () => {
			this.users--;
			if (this.users === 0 && this.timer) {
				clearInterval(this.timer);
				this.timer = null;
			}
		};
	}
}

export const inboxState = new InboxState();
