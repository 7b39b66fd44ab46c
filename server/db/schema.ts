import type { Generated, Insertable, Selectable } from 'kysely';

/** Every table of the database, typed in one place. */
export interface Database {
	organizations: OrganizationsTable;
	memberships: MembershipsTable;
	plans: PlansTable;
	agencies: AgenciesTable;
	agency_aliases: AgencyAliasesTable;
	boards: BoardsTable;
	sections: SectionsTable;
	cards: CardsTable;
	comments: CommentsTable;
	attachments: AttachmentsTable;
	indicators: IndicatorsTable;
	plan_reports: PlanReportsTable;
	plan_members: PlanMembersTable;
	users: UsersTable;
	sessions: SessionsTable;
	board_updates: BoardUpdatesTable;
	board_states: BoardStatesTable;
	board_heads: BoardHeadsTable;
	attachment_blobs: AttachmentBlobsTable;
	activity: ActivityTable;
	snapshots: SnapshotsTable;
	review_sessions: ReviewSessionsTable;
	review_items: ReviewItemsTable;
	review_attendees: ReviewAttendeesTable;
	inbox_messages: InboxMessagesTable;
	inbox_reads: InboxReadsTable;
	board_clients: BoardClientsTable;
	quarantined_updates: QuarantinedUpdatesTable;
	notification_prefs: NotificationPrefsTable;
	notification_events: NotificationEventsTable;
	mail_items: MailItemsTable;
	mail_outbox: MailOutboxTable;
	deadline_notices: DeadlineNoticesTable;
	scheduled_runs: ScheduledRunsTable;
	app_secrets: AppSecretsTable;
	login_failures: LoginFailuresTable;
	drafts: DraftsTable;
}

export interface PlansTable {
	id: string;
	org_id: string;
	number: string | null;
	doc_type: string | null;
	title: string;
	issuer: string | null;
	place: string | null;
	date: string | null;
	year: number;
	source_name: string;
	/** The document as it was imported, kept verbatim. */
	source_text: string;
	parsed_json: string;
	created_at: string;
}

export interface AgenciesTable {
	id: string;
	org_id: string;
	name: string;
	short_name: string;
	is_collective: number;
	created_at: string;
}

/** Every spelling an agency has been seen under, by its search key; old names after a merger too. */
export interface AgencyAliasesTable {
	org_id: string;
	alias_key: string;
	alias: string;
	agency_id: string;
}

export interface BoardsTable {
	id: string;
	/** The plan's organization (a board never changes plan). */
	org_id: string;
	plan_id: string;
	title: string;
	appendix: string;
	derived: number;
	created_at: string;
}

export interface SectionsTable {
	id: string;
	board_id: string;
	code: string;
	title: string;
	order_index: number;
}

/** Projection of the board document's cards, for search, dashboards and reports. */
export interface CardsTable {
	id: string;
	board_id: string;
	section_id: string;
	code: string;
	title: string;
	status: string;
	progress: number;
	lead_json: string;
	support_json: string;
	deadline_raw: string;
	deadline_kind: string;
	deadline_due: string | null;
	completed_at: string | null;
	result: string;
	order_key: string;
	comment_count: number;
	attachment_count: number;
	search_text: string;
	updated_at: string | null;
	updated_by: string | null;
	/** 0006: the card's handler (a user id) and when it was archived. */
	handler_id: string | null;
	archived_at: string | null;
	/** The board sequence number of the document these rows were projected from (migration 0011). */
	projected_seq: Generated<number>;
}

export interface CommentsTable {
	id: string;
	board_id: string;
	card_id: string;
	author_id: string;
	agency_id: string | null;
	body: string;
	created_at: string;
	deleted: number;
}

export interface AttachmentsTable {
	id: string;
	board_id: string;
	card_id: string;
	name: string;
	size: number;
	mime: string;
	sha256: string;
	uploaded_by: string;
	uploaded_at: string;
}

export interface IndicatorsTable {
	id: string;
	plan_id: string;
	code: string | null;
	text: string;
	targets_json: string;
	reported_value: number | null;
	order_index: number;
}

export interface PlanReportsTable {
	id: string;
	plan_id: string;
	text: string;
	due: string | null;
	recurrence: string | null;
	to_agency: string | null;
}

export interface PlanMembersTable {
	id: string;
	plan_id: string;
	stt: string;
	name: string;
	position: string;
	areas_json: string;
}

export type Role = 'admin' | 'facilitator' | 'editor' | 'viewer' | 'leader';

export interface UsersTable {
	id: string;
	username: string;
	display_name: string;
	password_hash: string;
	/** The organization the user works in now, and the role and agency there (a copy of that membership). */
	org_id: string | null;
	role: Role;
	agency_id: string | null;
	/** Creates organizations and their first administrators (migration 0004). */
	platform_admin: Generated<number>;
	active: number;
	created_at: string;
	/** Where notifications are mailed (migration 0005); null = in the app only. */
	email: Generated<string | null>;
}

export interface SessionsTable {
	/** SHA-256 of the session token: a leaked database does not leak sessions. */
	id: string;
	user_id: string;
	/** When the session ends unless used: min(last use + idle timeout, start + absolute lifetime), ms. */
	expires_at: number;
	/** Sign-in time (ms, migration 0008). */
	created_at: Generated<number>;
	/** Last authenticated request or edit (ms), updated at most once a minute. */
	last_seen_at: Generated<number>;
	/** The browser's User-Agent at sign-in, cut to 300 characters. */
	user_agent: string | null;
}

/** A failed sign-in counted against one key (migration 0008). */
export interface LoginFailuresTable {
	id: Generated<number>;
	/** SHA-256 of "account:<name>", "account-address:<name> <address>" or "address:<address>". */
	key: string;
	at: number;
}

/** Append-only log of accepted Yjs updates, compacted into board_states. */
export interface BoardUpdatesTable {
	id: Generated<number>;
	board_id: string;
	data: Uint8Array;
	user_id: string | null;
	created_at: string;
	/** 1 for an update stored before updates were checked (migration 0003). */
	unchecked: Generated<number>;
	/** Its number in the board's own sequence (migration 0007). */
	seq: number;
}

export interface BoardStatesTable {
	board_id: string;
	state: Uint8Array;
	/** The last board_updates.seq folded into state. */
	last_update_id: number;
	updated_at: string;
	/** 1 for a state stored before updates were checked (migration 0003). */
	unchecked: Generated<number>;
}

/** Attachment bytes on PostgreSQL, by SHA-256 (migration 0010). */
export interface AttachmentBlobsTable {
	sha256: string;
	data: Uint8Array;
	created_at: string;
}

/** The last sequence number given to an update of each board (migration 0007). */
export interface BoardHeadsTable {
	board_id: string;
	seq: number;
}

export interface ActivityTable {
	id: Generated<number>;
	board_id: string;
	card_id: string | null;
	user_id: string | null;
	/** What changed: "status", "title", "comment", "attachment", "create", "move", … */
	field: string;
	detail: string | null;
	created_at: string;
}

/** An immutable copy of a board: its Yjs state and a materialised JSON summary. Never updated. */
export interface SnapshotsTable {
	id: string;
	board_id: string;
	name: string;
	/** "manual", "review" (taken when a review closes) or "quarter" (automatic, at a quarter's end). */
	kind: string;
	/** "2026-Q2" for the automatic quarter-end snapshots. */
	period: string | null;
	review_id: string | null;
	taken_at: string;
	taken_by: string | null;
	/** The day (ISO) the categories were computed for. */
	as_of: string;
	state: Uint8Array;
	summary_json: string;
	counts_json: string;
}

/** A quarterly review meeting of the committee, run card by card by a facilitator. */
export interface ReviewSessionsTable {
	id: string;
	board_id: string;
	year: number;
	quarter: number;
	title: string;
	/** "open" or "closed". */
	status: string;
	facilitator_id: string;
	/** Who drives the presenter view: the facilitator, or the person it was handed to. */
	controller_id: string;
	current_item_id: string | null;
	/** When the current item became current (its timer runs from here). */
	current_since: string | null;
	as_of: string;
	created_at: string;
	started_at: string | null;
	closed_at: string | null;
	snapshot_id: string | null;
}

/** One card on a review's agenda and what the meeting concluded about it. */
export interface ReviewItemsTable {
	id: string;
	session_id: string;
	card_id: string;
	position: number;
	/** Why it is on the agenda: "due", "overdue", "blocked" or "other". */
	bucket: string;
	agency_id: string | null;
	card_code: string;
	card_title: string;
	status_before: string;
	conclusion: string;
	/** The status the meeting decided, if any. */
	decision: string | null;
	follow_up: string;
	follow_up_agency_id: string | null;
	follow_up_due: string | null;
	elapsed_ms: number;
	recorded_at: string | null;
	recorded_by: string | null;
}

export interface ReviewAttendeesTable {
	session_id: string;
	user_id: string;
	joined_at: string;
}

/** A message to an agency's in-app inbox: a reminder (đôn đốc) or a follow-up from a review. */
export interface InboxMessagesTable {
	id: string;
	agency_id: string;
	board_id: string | null;
	kind: string;
	title: string;
	body: string;
	card_ids_json: string;
	sender_id: string | null;
	created_at: string;
	/** Addressed to this person only (a mention); null = every person of the agency. */
	user_id: Generated<string | null>;
	/** When its e-mails were queued (notification dispatcher); null = not yet. */
	mailed_at: Generated<string | null>;
	/**
	 * Title and body as notes (code and params, JSON; server/inbox/inbox-text.ts), worded by the reader's
	 * interface; `title` is then empty and `body` holds only a person's own words (a comment).
	 * Null for messages stored before (migration 0013): `title` and `body` are their text as written.
	 */
	text_json: Generated<string | null>;
}

export interface InboxReadsTable {
	message_id: string;
	user_id: string;
	read_at: string;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Agency = Selectable<AgenciesTable>;
export type Board = Selectable<BoardsTable>;
export type Plan = Selectable<PlansTable>;

/** A Yjs client id and the user who owns it on a board (bound on first use). */
export interface BoardClientsTable {
	board_id: string;
	client_id: number;
	user_id: string;
	created_at: string;
}

/** An update a board could not load or apply, set aside with who sent it (never deleted). */
export interface QuarantinedUpdatesTable {
	id: Generated<number>;
	board_id: string;
	update_id: number | null;
	user_id: string | null;
	data: Uint8Array;
	/** Why, as a code (QuarantineCause; null on rows from before migration 0012); `reason` is the diagnostic. */
	cause: string | null;
	reason: string;
	created_at: string;
}

/** Notification tables (migration 0005, server/notifications/). */
export interface NotificationPrefsTable {
	user_id: string;
	type: string;
	mode: string;
}

export interface NotificationEventsTable {
	id: Generated<number>;
	type: string;
	board_id: string | null;
	actor_id: string | null;
	payload_json: string;
	created_at: string;
	dispatched_at: string | null;
}

export interface MailItemsTable {
	id: Generated<number>;
	user_id: string;
	message_id: string;
	type: string;
	mode: string;
	mail_id: number | null;
	created_at: string;
}

export interface MailOutboxTable {
	id: Generated<number>;
	user_id: string;
	kind: string;
	digest_day: string | null;
	send_at: string;
	composed_at: string | null;
	to_address: string | null;
	subject: string | null;
	text_body: string | null;
	html_body: string | null;
	unsubscribe_url: string | null;
	attempts: Generated<number>;
	next_attempt_at: string;
	claimed_by: string | null;
	claimed_until: string | null;
	sent_at: string | null;
	last_error: string | null;
	created_at: string;
}

export interface DeadlineNoticesTable {
	card_id: string;
	kind: string;
	due: string;
	created_at: string;
}

export interface ScheduledRunsTable {
	job: string;
	day: string;
	node: string;
	started_at: string;
	finished_at: string | null;
}

export interface AppSecretsTable {
	name: string;
	value: string;
}

/** A steering committee (of a province, a city or a ministry): its own agencies, people and plans. */
export interface OrganizationsTable {
	id: string;
	slug: string;
	name: string;
	created_at: string;
}

/** A user's role and agency in one organization. */
export interface MembershipsTable {
	user_id: string;
	org_id: string;
	role: Role;
	agency_id: string | null;
	created_at: string;
}

/** Work in progress between an upload and its confirmation (migration 0009, server/import/draft/draft-store.ts). */
export interface DraftsTable {
	id: string;
	/** "import" or "roundtrip". */
	kind: string;
	user_id: string;
	org_id: string;
	value_json: string;
	/** Milliseconds since 1970. */
	touched_at: number;
}
