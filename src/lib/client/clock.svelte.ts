/** Today's date in Vietnam, kept current across midnight for a board left open on a projector. */
import { todayIso } from '../core/dates.js';

class Clock {
	today = $state(todayIso());

	constructor() {
		if (typeof window !== 'undefined') {
			setInterval(() => {
				const now = todayIso();
				if (now !== this.today) this.today = now;
			}, 60_000);
		}
	}
}

export const clock = new Clock();
