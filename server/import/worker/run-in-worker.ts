/**
 * Runs a parse job in a worker thread, so that reading a large Word or Excel file never stalls
 * the server's event loop. One worker per job, with a heap limit and a time limit: a file that
 * exceeds either is refused and the worker is thrown away. A few jobs run at once; more wait.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError, type ImportErrorCode } from '../import-error.js';
import { ImportRefusal, refusals, type RefusalReason } from '../import-refusal.js';
import { PARSE_TIMEOUT_MS, PARSE_WORKER_HEAP_MB } from '../limits.js';
import type { JobResults, ParseJob } from './parse-jobs.js';
import type { WorkerReply } from './parse-worker.js';

const MAX_CONCURRENT_JOBS = 2;

export interface RunOptions {
	timeoutMs?: number;
}

let running = 0;
const waiting: Array<() => void> = [];

/** Runs the job off the main thread. The job's bytes are handed over: do not use them afterwards. */
export async function runInWorker<K extends ParseJob['kind']>(job: Extract<ParseJob, { kind: K }>, options: RunOptions = {}): Promise<JobResults[K]> {
	if (running >= MAX_CONCURRENT_JOBS) await new Promise<void>((resolve) => waiting.push(resolve));
	running++;
	try {
		return (await runOnce(job, options.timeoutMs ?? PARSE_TIMEOUT_MS)) as JobResults[K];
	} finally {
		running--;
		waiting.shift()?.();
	}
}

function runOnce(job: ParseJob, timeoutMs: number): Promise<unknown> {
	// A buffer of its own is moved to the worker, not copied (the caller's array is emptied);
	// a view into a shared buffer (Node's small-buffer pool) is copied first.
	const owned = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
	const bytes = owned ? job.bytes : job.bytes.slice();
	const worker = startWorker({ ...job, bytes }, [bytes.buffer as ArrayBuffer]);
	return new Promise((resolve, reject) => {
		let settled = false;
		const finish = (fn: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			void worker.terminate();
			fn();
		};
		const timer = setTimeout(() => finish(() => reject(refusals.timeout())), timeoutMs);
		worker.once('message', (reply: WorkerReply) => finish(() => (reply.ok ? resolve(reply.result) : reject(toError(reply.error)))));
		worker.once('error', (e: NodeJS.ErrnoException) => finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? refusals.tooMuchMemory() : e)));
		worker.once('exit', (code) => finish(() => reject(new Error(`Tiến trình đọc tệp dừng bất thường (mã ${code})`))));
	});
}

/**
 * The server runs TypeScript through tsx, whose loader a worker thread does not inherit: a
 * TypeScript worker is started through tsx's import API instead.
 */
function startWorker(job: ParseJob, transfer: ArrayBuffer[]): Worker {
	const entry = new URL(`./parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
	const resourceLimits = { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB };
	if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: job, transferList: transfer, resourceLimits });
	const boot = `import(${JSON.stringify(tsxImportApi())}).then((api) => api.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}));`;
	return new Worker(boot, { eval: true, workerData: job, transferList: transfer, resourceLimits });
}

/** The ESM build of tsx's import API, found through tsx's own package exports. */
function tsxImportApi(): string {
	const require = createRequire(import.meta.url);
	const manifest = require.resolve('tsx/package.json');
	const exports = (require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }).exports;
	return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href;
}

function toError(error: { refusal: string | null; code: string | null; params: Record<string, string | number>; message: string }): Error {
	if (error.refusal) return new ImportRefusal(error.refusal as RefusalReason, error.params);
	if (error.code) return new ImportError(error.code as ImportErrorCode, error.params, error.message);
	return new Error(error.message);
}
