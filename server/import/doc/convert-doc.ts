/**
 * Old Word files (.doc, Word 97–2003) are converted to .docx by LibreOffice when the server has
 * it (`soffice --headless --convert-to docx`), then read as any Word file. The conversion runs in
 * a temporary folder of its own, with a profile of its own (two conversions at once must not share
 * one), and is killed past its time limit. Without LibreOffice the file is refused as before.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { refusals } from '../import-refusal.js';
import { DOC_CONVERT_TIMEOUT_MS } from '../limits.js';

/**
 * Where soffice is: `SOFFICE_PATH` when set (`off` turns conversion off), else the first
 * `soffice` on PATH; null when there is none.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
	const configured = env.SOFFICE_PATH?.trim();
	if (configured === 'off' || configured === '0') return null;
	if (configured) return executable(configured) ? configured : null;
	for (const dir of (env.PATH ?? '').split(path.delimiter)) {
		if (!dir) continue;
		const candidate = path.join(dir, 'soffice');
		if (executable(candidate)) return candidate;
	}
	return null;
}

export interface ConvertOptions {
	soffice?: string | null;
	timeoutMs?: number;
}

/** The .docx bytes of a .doc file; refuses when LibreOffice is missing or cannot convert it. */
export async function convertDocToDocx(bytes: Uint8Array, options: ConvertOptions = {}): Promise<Uint8Array> {
	const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
	if (!soffice) throw refusals.oldOffice();
	const dir = await mkdtemp(path.join(os.tmpdir(), 'phoihop-doc-'));
	try {
		const input = path.join(dir, 'ke-hoach.doc');
		await writeFile(input, bytes);
		const args = [
			`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
			'--headless',
			'--norestore',
			'--nolockcheck',
			'--convert-to',
			'docx:MS Word 2007 XML',
			'--outdir',
			dir,
			input
		];
		await run(soffice, args, options.timeoutMs ?? DOC_CONVERT_TIMEOUT_MS);
		try {
			return new Uint8Array(await readFile(path.join(dir, 'ke-hoach.docx')));
		} catch {
			// soffice exits 0 even when it could not load the file: no output is the failure.
			throw refusals.oldWordUnreadable();
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * soffice is a launcher that starts soffice.bin: it runs in a process group of its own, and the
 * whole group is killed past the time limit, so no LibreOffice is left behind.
 */
function run(command: string, args: string[], timeoutMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { detached: true, stdio: 'ignore', env: { ...process.env, HOME: os.tmpdir() } });
		const kill = () => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		};
		const timer = setTimeout(() => {
			kill();
			reject(refusals.oldWordUnreadable());
		}, timeoutMs);
		child.once('error', () => {
			clearTimeout(timer);
			reject(refusals.oldWordUnreadable());
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			kill();
			if (code === 0) resolve();
			else reject(refusals.oldWordUnreadable());
		});
	});
}

function executable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}
