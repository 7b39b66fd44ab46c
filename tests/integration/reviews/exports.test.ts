import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { api, login, startTestServer, type TestServer } from '../helpers/server.js';
import { setProgress, setResult, setStatus } from '../../../src/lib/core/board-doc.js';
import { HEADER_ROW, ID_COLUMN } from '../../../server/reports/appendix-xlsx.js';
import { documentXml, runsText, tableRows } from '../../unit/reports/docx-xml.js';
import type { SnapshotMeta } from '../../../server/snapshots/snapshot-store.js';

let server: TestServer;
let token: string;
let boardId: string;

interface Card {
	id: string;
	code: string;
	title: string;
	lead: string[];
	support: string[];
	deadline: { raw: string };
	status: 'todo' | 'doing' | 'blocked' | 'done';
	progress: number;
	result: string;
}
interface Board {
	cards: Card[];
	sections: { id: string; code: string; title: string }[];
}

const STATUS: Record<Card['status'], string> = { todo: 'Chưa triển khai', doing: 'Đang thực hiện', blocked: 'Vướng mắc', done: 'Hoàn thành' };

beforeAll(async () => {
	server = await startTestServer();
	token = await login(server.url, 'admin');
	boardId = (await api<{ id: string }[]>(server.url, token, '/api/boards'))[0].id;
	const board = await api<Board>(server.url, token, `/api/boards/${boardId}`);
	const [a, b] = board.cards.filter((c) => c.status === 'todo');
	const actor = { userId: 'test' };
	await server.sync.change(boardId, null, a.id, 'progress', (room) => {
		setStatus(room.doc, a.id, 'doing', actor);
		setProgress(room.doc, a.id, 40, actor);
		setResult(room.doc, a.id, 'Đã tổ chức 3 lớp tập huấn cho 120 cán bộ HTX; đang chuẩn bị lớp thứ 4.', actor);
	});
	await server.sync.change(boardId, null, b.id, 'status', (room) => setStatus(room.doc, b.id, 'blocked', actor));
});
afterAll(async () => server.stop());

async function download(path: string): Promise<{ res: Response; bytes: Uint8Array }> {
	const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
	return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function sheetOf(bytes: Uint8Array) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes.buffer as ArrayBuffer);
	return wb.worksheets[0];
}

describe('export.xlsx', () => {
	it('reads back row by row exactly as the board is: every task once, in plan order, under its section', async () => {
		const { res, bytes } = await download(`/api/boards/${boardId}/export.xlsx`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
		expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
		const ws = await sheetOf(bytes);
		const board = await api<Board>(server.url, token, `/api/boards/${boardId}`);
		const agencies = new Map((await api<{ id: string; name: string }[]>(server.url, token, '/api/agencies')).map((a) => [a.id, a.name]));
		const names = (ids: string[]) => ids.map((id) => agencies.get(id)).join(', ');
		const cards = new Map(board.cards.map((c) => [c.id, c]));
		const sections = new Map(board.sections.map((s) => [s.id, s]));

		const seen: string[] = [];
		let section: string | null = null;
		ws.eachRow((row, n) => {
			if (n <= HEADER_ROW) return;
			const cell = (i: number) => {
				const v = row.getCell(i).value;
				return v === null || v === undefined ? '' : String(v);
			};
			const id = cell(ID_COLUMN);
			if (id.startsWith('section:')) {
				section = id.slice(8);
				expect(cell(2)).toBe(sections.get(section)!.title);
				return;
			}
			expect(id).toMatch(/^card:/);
			const card = cards.get(id.slice(5))!;
			expect(card, `row ${n}`).toBeDefined();
			seen.push(card.id);
			expect(card.code.endsWith(cell(1))).toBe(true);
			expect(cell(2)).toBe(card.title);
			expect(cell(3)).toBe(names(card.lead));
			expect(cell(4)).toBe(names(card.support));
			expect(cell(5)).toBe(card.deadline.raw);
			expect(cell(6)).toBe(STATUS[card.status]);
			expect(Number(cell(7))).toBe(card.progress);
			expect(cell(8)).toMatch(/^(Hoàn thành|Chưa hoàn thành)/);
			expect(cell(9)).toBe(card.result);
			if (section && sections.get(section)!.code) expect(card.code.startsWith(sections.get(section)!.code)).toBe(true);
		});
		expect(seen.sort()).toEqual([...cards.keys()].sort());
		expect(ws.getColumn(ID_COLUMN).hidden).toBe(true);
		expect(ws.pageSetup.printTitlesRow).toBe(`${HEADER_ROW}:${HEADER_ROW}`);
	});

	it('a snapshot exports what was frozen, not what the board became', async () => {
		const meta = await api<SnapshotMeta>(server.url, token, `/api/boards/${boardId}/snapshots`, {
			method: 'POST',
			body: JSON.stringify({ name: 'Cuối quý' })
		});
		const board = await api<Board>(server.url, token, `/api/boards/${boardId}`);
		const card = board.cards.find((c) => c.status === 'todo')!;
		await server.sync.change(boardId, null, card.id, 'result', (room) => setResult(room.doc, card.id, 'Viết sau khi chụp', { userId: 't' }));
		const ws = await sheetOf((await download(`/api/snapshots/${meta.id}/export.xlsx`)).bytes);
		let result: string | null = null;
		ws.eachRow((row) => {
			if (row.getCell(ID_COLUMN).value === `card:${card.id}`) result = String(row.getCell(9).value ?? '');
		});
		expect(result).toBe('');
		expect(String(ws.getRow(HEADER_ROW - 2).getCell(1).value)).toContain('Cuối quý');
	});
});

describe('report.docx', () => {
	it('is a DOCX with the national motto, the category counts and the task table', async () => {
		const { res, bytes } = await download(`/api/boards/${boardId}/report.docx?period=year`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/bao-cao-nam/);
		const xml = documentXml(bytes);
		const text = runsText(xml);
		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
		expect(text).toContain('Kết quả thực hiện');
		const board = await api<Board>(server.url, token, `/api/boards/${boardId}`);
		const tasks = tableRows(xml).find((t) => t[0]?.startsWith('STT | Nhiệm vụ'))!;
		for (const c of board.cards) expect(tasks.some((r) => r.includes(c.title))).toBe(true);
		const progressed = board.cards.find((c) => c.progress === 40)!;
		expect(tasks.some((r) => r.includes(progressed.result) && r.includes('Đang thực hiện (40%)'))).toBe(true);
		const counts = tableRows(xml).find((t) => t[0] === 'Phân loại | Số nhiệm vụ | Tỷ lệ (%)')!;
		expect(counts.at(-1)).toMatch(new RegExp(`^Tổng cộng \\| ${board.cards.length} \\|`));
	});

	it('refuses an unknown reporting period', async () => {
		expect((await download(`/api/boards/${boardId}/report.docx?period=quy`)).res.status).toBe(400);
	});
});
