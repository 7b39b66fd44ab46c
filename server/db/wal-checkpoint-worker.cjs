/**
 * The WAL checkpoint worker of server/db/wal-checkpointer.ts (read that file's header for why): its own
 * connection runs a passive checkpoint every interval, truncates the log when the database is quiet,
 * and asks the main thread to finish a pass when the log keeps growing under continuous writes.
 * workerData: { file, driver, intervalMs, maxWalBytes, emergencyWalBytes }.
 */
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
const walSize = () => {
	try {
		return fs.statSync(workerData.file + '-wal').size;
	} catch {
		return 0;
	}
};
const frameBytes = db.pragma('page_size', { simple: true }) + 24;
let lastLog = -1;
const timer = setInterval(() => {
	try {
		if (walSize() > workerData.emergencyWalBytes) {
			db.pragma('wal_checkpoint(TRUNCATE)');
			return;
		}
		const [r] = db.pragma('wal_checkpoint(PASSIVE)');
		if (!r || r.busy) return;
		const quiet = r.log === lastLog;
		lastLog = r.log;
		// Nothing written for a whole interval, everything copied, and the file is large: give its space
		// back. With no writer about, the truncating checkpoint has nothing to wait for.
		if (quiet && r.checkpointed === r.log) {
			if (r.log > 0 && walSize() > workerData.maxWalBytes) db.pragma('wal_checkpoint(TRUNCATE)');
		}
		// The current log is long: the writer never paused long enough for it to restart. Let the main
		// thread copy the frames written since this pass, between two of its commits; its next write
		// then restarts the log from the beginning of the file.
		else if (r.log * frameBytes > workerData.maxWalBytes) parentPort.postMessage('finish');
	} catch (e) {
		parentPort.postMessage('error:' + String(e));
	}
}, workerData.intervalMs);
parentPort.on('message', () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
