/**
 * The work done off the main thread: reading an uploaded file. A job carries the file's bytes
 * and says what to read from them; its result is plain data (structured-cloned back).
 */
import { parsePlanBytes, refuseIfNoTasks, type ParsedSource } from '../parse-source.js';
import { taskLines, type TaskLines } from '../draft/task-lines.js';
import { readReturnedWorkbook, type ReturnedWorkbook } from '../../roundtrip/read-returned.js';

export type ParseJob =
	| { kind: 'plan'; bytes: Uint8Array; fileName: string; fallbackYear?: number; allowNoTasks?: boolean }
	| { kind: 'returned-workbook'; bytes: Uint8Array };

/** A parsed upload with what the preview needs of its text, worked out here rather than on the main thread. */
export interface PlanRead extends ParsedSource {
	taskLines: TaskLines;
	/** The source line each warning is about, shortened, by line number. */
	excerpts: Record<number, string>;
}

export interface JobResults {
	plan: PlanRead;
	'returned-workbook': ReturnedWorkbook;
}

export async function runJob(job: ParseJob): Promise<JobResults[ParseJob['kind']]> {
	if (job.kind === 'plan') {
		const read = await parsePlanBytes(job.bytes, job.fileName, { fallbackYear: job.fallbackYear });
		// The upload refuses a file without tasks; the command line shows what it read anyway.
		if (!job.allowNoTasks) refuseIfNoTasks(read);
		const lines = read.source.text.split('\n');
		const excerpts: Record<number, string> = {};
		for (const w of read.parsed.warnings) if (w.line !== null) excerpts[w.line] = shorten(lines[w.line - 1] ?? '');
		return { ...read, taskLines: taskLines(read.source.text, read.parsed), excerpts };
	}
	return readReturnedWorkbook(job.bytes);
}

function shorten(line: string): string {
	const text = line.replace(/\t+/g, ' | ').trim();
	return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
