/**
 * `npm run user:create -- --org <slug> [--org-name "…"] --username X --password Y --role admin [--agency "Sở Tài chính"] [--name "…"] [--platform-admin]`
 * Creates an account in an organization of the database of DATA_DIR (the organization is created
 * when it does not exist yet: the first administrator of a new deployment or committee).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { ensureAgency } from '../import/persist.js';
import { ensureOrganization, SLUG } from '../orgs/organizations.js';
import { parseNewUser } from './user-input.js';
import { ApiError } from '../http-error.js';
import { errorMessage } from '../../src/lib/i18n/errors.js';
import { createUser, usernameTaken } from './users.js';

const USAGE =
	'Cách dùng: npm run user:create -- --org <mã tổ chức> [--org-name "<tên tổ chức>"] --username <tên> --password <mật khẩu> --role <admin|facilitator|editor|viewer|leader> [--agency "<tên đơn vị>"] [--name "<họ tên>"] [--platform-admin]';

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			username: { type: 'string' },
			password: { type: 'string' },
			role: { type: 'string' },
			agency: { type: 'string' },
			name: { type: 'string' },
			org: { type: 'string' },
			'org-name': { type: 'string' },
			'platform-admin': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help || !values.username || !values.password || !values.role || !values.org || !SLUG.test(values.org)) {
		console.error(USAGE);
		return values.help ? 0 : 2;
	}
	const config = loadConfig();
	const { db } = await openDatabase(config);
	try {
		// Checked before the agency is created, so a typo in the role leaves nothing behind.
		parseNewUser({ ...values, agencyId: values.agency ? 'pending' : null, displayName: values.name });
		if (await usernameTaken(db, values.username)) {
			console.error(`Tên đăng nhập "${values.username}" đã có người dùng.`);
			return 1;
		}
		const org = await ensureOrganization(db, values.org, values['org-name'] ?? values.org);
		const agencyId = values.agency ? await ensureAgency(db, org.id, values.agency.normalize('NFC').trim()) : null;
		const input = parseNewUser({ ...values, agencyId, displayName: values.name });
		await createUser(db, { ...input, orgId: org.id, platformAdmin: values['platform-admin'] ?? false });
		const where = values.agency ? `, đơn vị ${values.agency}` : '';
		console.log(
			`Đã tạo tài khoản "${input.username}" (vai trò ${input.role}${where}) trong tổ chức "${org.name}", ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}.`
		);
		return 0;
	} finally {
		await db.destroy();
	}
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		// Validation errors carry a message meant for the operator; never echo the arguments (the password).
		console.error(
			err instanceof ApiError ? errorMessage('vi', err.code, err.params) : err instanceof Error ? err.message : 'Không tạo được tài khoản'
		);
		process.exit(1);
	}
);
