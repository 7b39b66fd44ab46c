/** `npm start`: builds the front end when there is no build yet, then runs the server. */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!fs.existsSync('build/handler.js')) {
	console.log('Chưa có bản build giao diện — đang build (lần đầu mất khoảng một phút)…');
	const r = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('Build thất bại.');
		process.exit(r.status ?? 1);
	}
}
await import('./index.js');
