import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from '../../migrations/0001_init.js';
import * as m0002 from '../../migrations/0002_reviews_snapshots.js';
import * as m0003 from '../../migrations/0003_sync_guard.js';
import * as m0004 from '../../migrations/0004_organizations.js';
import * as m0005 from '../../migrations/0005_notifications.js';
import * as m0006 from '../../migrations/0006_board_editing.js';
import * as m0007 from '../../migrations/0007_board_sequence.js';
import * as m0008 from '../../migrations/0008_session_limits_login_failures.js';
import * as m0009 from '../../migrations/0009_drafts.js';
import * as m0010 from '../../migrations/0010_attachment_blobs.js';
import * as m0011 from '../../migrations/0011_projected_seq.js';
import * as m0012 from '../../migrations/0012_quarantine_cause.js';
import * as m0013 from '../../migrations/0013_inbox_message_text.js';

/** Migrations are imported statically so that the bundle-free server and tests see the same list. */
const migrations: Record<string, Migration> = {
	'0001_init': m0001,
	'0002_reviews_snapshots': m0002,
	'0003_sync_guard': m0003,
	'0004_organizations': m0004,
	'0005_notifications': m0005,
	'0006_board_editing': m0006,
	'0007_board_sequence': m0007,
	'0008_session_limits_login_failures': m0008,
	'0009_drafts': m0009,
	'0010_attachment_blobs': m0010,
	'0011_projected_seq': m0011,
	'0012_quarantine_cause': m0012,
	'0013_inbox_message_text': m0013
};

class StaticProvider implements MigrationProvider {
	async getMigrations() {
		return migrations;
	}
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
	// Numbers are reserved per branch (0007 and 0008 may land after 0009): a database that ran a later
	// one first still runs the earlier ones when they arrive.
	const migrator = new Migrator({ db, provider: new StaticProvider(), allowUnorderedMigrations: true });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		throw new Error(`Không chạy được migration ${failed?.migrationName ?? ''}: ${String(error)}`);
	}
}
