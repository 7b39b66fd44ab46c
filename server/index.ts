/** Entry point: `tsx server/index.ts` serves the app, the API and sync on one port. */
import { startServer } from './server.js';

const running = await startServer();
console.log(`Phối hợp đang chạy tại ${running.url} — đăng nhập: ${running.url}/login (dữ liệu: ${running.ctx.config.dataDir})`);

let stopping = false;
/**
 * SIGTERM/SIGINT: stop accepting, close sockets with "reconnect" (1012: clients go to another node),
 * store what the rooms hold, then exit. A second signal, or the grace period, exits at once.
 */
async function stop(signal: string) {
	if (stopping) {
		console.log(`Nhận ${signal} lần nữa, dừng ngay.`);
		process.exit(1);
	}
	stopping = true;
	console.log(`Nhận ${signal}, đang lưu dữ liệu và dừng…`);
	setTimeout(() => {
		console.error('Quá thời gian chờ dừng, thoát.');
		process.exit(1);
	}, running.ctx.config.shutdownGraceMs).unref();
	try {
		await running.close();
	} catch (err) {
		console.error(`Dừng không trọn vẹn: ${String(err)}`);
		process.exit(1);
	}
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
