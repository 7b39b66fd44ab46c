/** Entry point: `tsx server/index.ts` serves the app, the API and sync on one port. */
import { startServer } from './server.js';

const running = await startServer();
console.log(`Phối hợp đang chạy tại ${running.url} — đăng nhập: ${running.url}/login (dữ liệu: ${running.ctx.config.dataDir})`);

let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`Nhận ${signal}, đang lưu dữ liệu và dừng…`);
	await running.close();
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
