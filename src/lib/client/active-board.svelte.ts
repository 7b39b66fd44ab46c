/**
 * The board open on the page, for the app header: its sync chip lives there so it stays in view
 * on a phone and with the card drawer open.
 */
import type { BoardSession } from './board-session.svelte.js';

class ActiveBoard {
	session = $state.raw<BoardSession | null>(null);
}

export const activeBoard = new ActiveBoard();
