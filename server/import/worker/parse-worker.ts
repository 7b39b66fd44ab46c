/** Entry of the parse worker thread: runs the one job it was started with and posts the outcome. */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from '../import-error.js';
import { ImportRefusal } from '../import-refusal.js';
import { runJob, type ParseJob } from './parse-jobs.js';

export type WorkerReply =
	| { ok: true; result: unknown }
	| { ok: false; error: { refusal: string | null; code: string | null; params: Record<string, string | number>; message: string } };

/**
 * Reading a file is background work; answering requests is not. On Linux a thread has its own nice
 * value (setpriority(2), "Linux/NPTL" note), so this lowers the priority of this thread only, and
 * the server's main thread keeps a core when the machine is busy. Elsewhere it would apply to the
 * whole process, so it is left alone.
 */
const BACKGROUND_NICE = 10;
if (process.platform === 'linux') {
	try {
		os.setPriority(BACKGROUND_NICE);
	} catch {
		// Not permitted here: the worker still runs, at normal priority.
	}
}

async function main(): Promise<WorkerReply> {
	try {
		return { ok: true, result: await runJob(workerData as ParseJob) };
	} catch (e) {
		const error = e as Error;
		return {
			ok: false,
			error: {
				refusal: e instanceof ImportRefusal ? e.reason : null,
				code: e instanceof ImportError ? e.code : null,
				params: e instanceof ImportError ? e.params : {},
				message: error?.message ?? String(e)
			}
		};
	}
}

parentPort?.postMessage(await main());
