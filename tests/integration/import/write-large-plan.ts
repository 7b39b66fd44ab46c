/**
 * Writes a 30–50 MB Word plan for the responsiveness test: a long body of prose (tens of MB of
 * XML to read), a task table of 200 rows, and a large scanned image, as plans with signed scans
 * attached are. Run as a script (`node --import tsx write-large-plan.ts FILE`) so that the test
 * process, which hosts the server, never holds the garbage of making it.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { cells, HEADER_ROW, HEADING, p, rawDocx, tbl, tr } from '../../unit/import-docx/raw-docx.js';

export const LARGE_PLAN_TASKS = 200;

export function writeLargePlan(file: string): number {
	const words = ['hợp tác xã', 'kinh tế tập thể', 'tổ hợp tác', 'chuyển đổi số', 'liên kết chuỗi giá trị', 'nguồn vốn', 'đào tạo', 'thành viên'];
	const prose: string[] = [];
	for (let i = 0; i < 90_000; i++)
		prose.push(p(`Đoạn ${i}: tiếp tục ${words[i % 8]} gắn với ${words[(i * 3) % 8]} trên địa bàn, năm ${2000 + (i % 26)}.`));
	const rows = Array.from({ length: LARGE_PLAN_TASKS }, (_, i) =>
		tr(cells(String(i + 1), `Nhiệm vụ số ${i + 1}`, 'Sở Tài chính', 'Sở Nội vụ', 'Quý IV/2026'))
	);
	const parts = unzipSync(rawDocx(HEADING + prose.join('') + tbl([HEADER_ROW, ...rows])));
	const files: Zippable = { ...parts, 'word/media/image1.png': [new Uint8Array(randomBytes(34 * 1024 * 1024)), { level: 0 }] };
	const bytes = zipSync(files, { level: 6 });
	writeFileSync(file, bytes);
	return bytes.length;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
	process.stdout.write(String(writeLargePlan(process.argv[2])));
}
