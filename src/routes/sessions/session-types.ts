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

/** What the password dialog ends: every other session, or one of them (its id and what the list calls it). */
export type EndTarget = { kind: 'others'; count: number } | { kind: 'one'; id: string; device: string };
