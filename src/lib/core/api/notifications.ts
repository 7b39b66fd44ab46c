/** Notification preferences over HTTP: the signed link's token and the choices sent. */
import * as v from 'valibot';

const token = v.optional(v.nullable(v.pipe(v.string(), v.maxLength(4000))));

/** `?token=` of an e-mail's link (GET preferences, POST unsubscribe); signed in otherwise. */
export const LinkQuery = v.object({ token });

/** PUT /api/notifications/preferences: the choices are checked against the notification types by the server. */
export const PreferencesBody = v.object({ token, preferences: v.optional(v.unknown()) });
