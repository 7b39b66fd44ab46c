/** A server in its own process (for kill -9 tests): prints "READY <url>" once listening. */
import { startServer } from '../../../server/server.js';

const running = await startServer({ port: 0, host: '127.0.0.1' }, { web: false, quiet: true });
process.stdout.write(`READY ${running.url}\n`);
