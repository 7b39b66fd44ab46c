import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { adminDatabaseUrl, postgresUnavailable } from './tests/integration/helpers/test-database.js';

/** Suites that are about SQLite itself (its upgrade fixture, its WAL): they run on SQLite only. */
const SQLITE_ONLY = ['tests/integration/db/upgrade-release-1.test.ts', 'tests/integration/db/wal-checkpointer.test.ts'];
/** Suites about PostgreSQL itself (its backups). */
const POSTGRES_ONLY = ['tests/integration/db/postgres-*.test.ts'];

/**
 * The integration suites run twice: on the embedded SQLite and on PostgreSQL (the `postgres`
 * project; each test server makes a database of its own on PHOIHOP_TEST_DATABASE_URL's server, or the
 * local one). Without a PostgreSQL to reach, that project is left out and one line says so.
 */
async function postgresProjects(): Promise<TestProjectInlineConfiguration[]> {
	// Vitest reads this file more than once per run: probe and say it once.
	const known = process.env.PHOIHOP_TEST_PG_PROBE;
	const why = known === undefined ? await postgresUnavailable() : known || null;
	if (known === undefined) {
		process.env.PHOIHOP_TEST_PG_PROBE = why ?? '';
		if (why) console.warn(`\n⚠ PostgreSQL project skipped: ${why}. The integration suites run on SQLite only.\n`);
		else console.log(`PostgreSQL project: the integration suites also run on ${adminDatabaseUrl().replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:…@')}`);
	}
	if (why) return [];
	return [
		{
			extends: true,
			test: {
				name: 'postgres',
				include: ['tests/integration/**/*.test.ts'],
				// The cluster suite starts its own PostgreSQL-backed nodes whichever project runs it.
				exclude: [...SQLITE_ONLY, 'tests/integration/cluster/**'],
				// The write path's oracle runs its 10,000 cases on SQLite; on PostgreSQL (a round trip per
				// statement, about six times slower) 2,000 check the Kysely store within the time limit.
				env: { PHOIHOP_TEST_DB: 'postgres', HOSTILE_RUNS: process.env.HOSTILE_RUNS ?? '2000' }
			}
		}
	];
}

const postgres = process.env.VITEST ? await postgresProjects() : [];

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		// In `npm run dev` the API and sync live on the Node server (npm start); proxy to it.
		proxy: {
			'/api': 'http://localhost:3000',
			'/sync': { target: 'ws://localhost:3000', ws: true }
		}
	},
	test: {
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		projects: [
			{
				extends: true,
				test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], exclude: POSTGRES_ONLY }
			},
			...postgres
		]
	}
});
