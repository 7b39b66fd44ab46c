import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './clients.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const ENTRY: Record<ServerKind, string[]> = {
	phoihop: ['--import', 'tsx', path.join(HERE, '../servers/phoihop.ts')],
	hocuspocus: ['--import', 'tsx', path.join(HERE, '../servers/hocuspocus.ts')],
	'y-websocket': [path.join(HERE, '../servers/y-websocket.cjs')],
	relay: [path.join(HERE, '../servers/relay.cjs')]
};

export interface ChildServer {
	child: ChildProcess;
	pid: number;
	/** The words after READY: the URL, and for Phối hợp the board id. */
	ready: string[];
	stop(): Promise<void>;
}

/** Starts a server in its own process, so its CPU and memory can be read on their own. */
export function spawnServer(kind: ServerKind, env: Record<string, string> = {}): Promise<ChildServer> {
	return new Promise((resolve, reject) => {
		// BENCH_CPU_PROF=DIR profiles the server process (node --cpu-prof) into DIR.
		const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
		const child = spawn(process.execPath, [...prof, ...ENTRY[kind]], {
			env: { ...process.env, ...env, NODE_ENV: 'production' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		const onExit = (code: number | null) => reject(new Error(`${kind} server exited with ${code}`));
		child.on('exit', onExit);
		child.stdout!.on('data', (d) => {
			out += d;
			const m = /READY ([^\n]+)\n/.exec(out);
			if (!m) return;
			child.off('exit', onExit);
			resolve({
				child,
				pid: child.pid!,
				ready: m[1].split(' '),
				stop: () =>
					new Promise((r) => {
						if (child.exitCode !== null) return r();
						child.once('exit', () => r());
						child.kill('SIGTERM');
						setTimeout(() => child.kill('SIGKILL'), 3000).unref();
					})
			});
		});
	});
}
