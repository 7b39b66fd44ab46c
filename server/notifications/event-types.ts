/**
 * What a person can be notified of, and how each may reach them by e-mail. The in-app inbox gets every
 * event whatever the preference; the preference only decides the e-mail.
 */
export const NOTIFICATION_TYPES = ['mention', 'handler', 'reminder', 'comment', 'conclusion', 'deadline'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** immediately (coalesced within a few minutes), in the 07:30 daily digest, or not by e-mail. */
export const DELIVERY_MODES = ['immediate', 'digest', 'none'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export type Preferences = Record<NotificationType, DeliveryMode>;

/** What a new account gets: what asks for action now comes at once, the rest in the digest. */
export const DEFAULT_PREFERENCES: Preferences = {
	mention: 'immediate',
	handler: 'immediate',
	reminder: 'immediate',
	comment: 'digest',
	conclusion: 'immediate',
	deadline: 'digest'
};

/** Kinds of inbox message (inbox_messages.kind) and the preference that governs each one's e-mail. */
export const KIND_TYPE: Record<string, NotificationType> = {
	mention: 'mention',
	handler: 'handler',
	reminder: 'reminder',
	comment: 'comment',
	'follow-up': 'conclusion',
	'due-soon': 'deadline',
	'due-tomorrow': 'deadline',
	overdue: 'deadline'
};

export function isNotificationType(x: unknown): x is NotificationType {
	return typeof x === 'string' && (NOTIFICATION_TYPES as readonly string[]).includes(x);
}

export function isDeliveryMode(x: unknown): x is DeliveryMode {
	return typeof x === 'string' && (DELIVERY_MODES as readonly string[]).includes(x);
}

/**
 * A preferences body from a client: an object whose keys are known types and values known modes.
 * Anything else (unknown keys, other values, arrays, prototypes) is refused with null.
 */
export function parsePreferencesBody(body: unknown): Partial<Preferences> | null {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
	const out: Partial<Preferences> = {};
	for (const key of Object.keys(body)) {
		const value = (body as Record<string, unknown>)[key];
		if (!isNotificationType(key) || !isDeliveryMode(value)) return null;
		out[key] = value;
	}
	return out;
}
