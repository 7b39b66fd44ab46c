/**
 * Whether the window is phone-sized (the same 720 px breakpoint as the stylesheets): the kanban then
 * shows one status column at a time and offers a move menu on each card instead of drag and drop.
 */
export const PHONE_QUERY = '(max-width: 720px)';

class PhoneLayout {
	matches = $state(false);

	constructor() {
		if (typeof window === 'undefined' || !window.matchMedia) return;
		const query = window.matchMedia(PHONE_QUERY);
		this.matches = query.matches;
		query.addEventListener('change', (e) => (this.matches = e.matches));
	}
}

export const phoneLayout = new PhoneLayout();
