/** GET /api/auth/sessions: the signed-in user's sessions, and the limits every session has. */
export interface SessionView {
	id: string;
	current: boolean;
	createdAt: string;
	lastSeenAt: string;
	expiresAt: string;
	browser: string | null;
	os: string | null;
}

export interface SessionList {
	sessions: SessionView[];
	idleMinutes: number;
	maxAgeHours: number;
}
