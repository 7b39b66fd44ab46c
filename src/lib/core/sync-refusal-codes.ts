/**
 * Why a board update was refused, as codes: the one list the sync server (server/sync), the Excel
 * round trip (server/roundtrip) and the browser's catalogue (src/lib/i18n/sync-refusals.ts) share.
 * The server sends codes, never sentences; the browser words them in the interface language.
 *
 * On the wire — the reason of y-websocket's "permission denied" auth message — a refusal is its
 * code (`read_only`), or `update_invalid:<rule>` for a structural rule (`update_invalid:overlap`):
 * short, ASCII, and readable as it is where a stock client just prints it (docs/sync.md). The
 * round trip's JSON answers carry the same refusal as an object, `{ code, params? }` (docs/api.md).
 */

/** The structural rules of an update (server/sync/update-structure.ts): the `rule` of `update_invalid`. */
export const UPDATE_RULES = [
	'foreign_client',
	'too_many_clients',
	'client_repeated',
	'gap',
	'overlap',
	'pending',
	'malformed',
	'misplaced',
	'too_deep',
	'content_type',
	'future_delete',
	'too_many_structs',
	'too_many_deletes'
] as const;
export type UpdateRule = (typeof UPDATE_RULES)[number];

/** The refusals of the permission and schema guard (server/sync/document-guard.ts). */
export const GUARD_REFUSALS = [
	'read_only',
	'assignment_managers_only',
	'board_managers_only',
	'work_lead_only',
	'comment_not_involved',
	'comment_not_yours',
	'comment_author',
	'comment_removed',
	'attachments_server_only',
	'card_missing',
	'schema_mismatch',
	'too_long',
	'signed_by_other',
	'comment_id_taken',
	'agency_missing',
	'section_missing',
	'required_missing',
	'handler_not_lead',
	'checklist_exists',
	'step_id_taken',
	'archive_managers_only',
	'labels_managers_only',
	'label_missing',
	'too_many_labels'
] as const;

/** Everything the sync server may answer an update with: the guard's refusals and the room's own. */
export const SYNC_REFUSALS = [...GUARD_REFUSALS, 'update_invalid', 'board_reloading', 'update_quarantined'] as const;

/** The Excel round trip's own refusals of a card change (server/roundtrip), beside the guard's. */
export const ROUNDTRIP_REFUSALS = ['roundtrip_not_allowed', 'roundtrip_choose_agency', 'roundtrip_stale'] as const;

export const REFUSAL_CODES = [...SYNC_REFUSALS, ...ROUNDTRIP_REFUSALS] as const;

export type GuardRefusalCode = (typeof GUARD_REFUSALS)[number];
export type SyncRefusalCode = (typeof SYNC_REFUSALS)[number];
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * A refusal: its code, and for `update_invalid` the structural rule broken. The rule is a string,
 * not an `UpdateRule`: a browser may be older than the server that names it.
 */
export type Refusal = { code: Exclude<RefusalCode, 'update_invalid'> } | InvalidUpdate;
/** A refusal the sync server sends. */
export type SyncRefusal = { code: Exclude<SyncRefusalCode, 'update_invalid'> } | InvalidUpdate;
type InvalidUpdate = { code: 'update_invalid'; params: { rule: string } };

const KNOWN = new Set<string>(REFUSAL_CODES);

export function isRefusalCode(code: unknown): code is RefusalCode {
	return typeof code === 'string' && KNOWN.has(code);
}

/** A code or a rule as the wire carries them: lower-case ASCII words. */
const TOKEN = /^[a-z][a-z_]{0,39}$/;

/** The reason sent in a "permission denied" message: `code`, or `update_invalid:<rule>`. */
export function refusalToWire(refusal: SyncRefusal): string {
	return refusal.code === 'update_invalid' ? `${refusal.code}:${refusal.params.rule}` : refusal.code;
}

/**
 * A refusal read from what a server sent: a wire reason (`code` or `code:rule`), or the round
 * trip's `{ code, params }`. Anything else — an unknown code, `update_invalid` without its rule, a
 * sentence from an older server, a value of another type — is null, for the caller to show as a
 * refusal without a reason. A parameter on a code that takes none is ignored.
 */
export function readRefusal(value: unknown): Refusal | null {
	let code: unknown;
	let rule: unknown;
	if (typeof value === 'string') {
		const colon = value.indexOf(':');
		code = colon < 0 ? value : value.slice(0, colon);
		rule = colon < 0 ? undefined : value.slice(colon + 1);
	} else if (typeof value === 'object' && value !== null) {
		code = (value as { code?: unknown }).code;
		const params = (value as { params?: unknown }).params;
		rule = typeof params === 'object' && params !== null ? (params as { rule?: unknown }).rule : undefined;
	}
	if (!isRefusalCode(code)) return null;
	if (code !== 'update_invalid') return { code };
	return typeof rule === 'string' && TOKEN.test(rule) ? { code, params: { rule } } : null;
}
