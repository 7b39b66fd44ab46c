import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../server/import/import-error.js';
import { parsePlan, parsePlanFile } from '../../../server/import/parse-plan.js';
import { decodeSource } from '../../../server/import/read-source.js';
import { readSeed, SEED_PLANS, seedPath } from './seed-plans.js';

const internalErrors = (text: string) => parsePlan(text).warnings.filter((w) => w.message.startsWith('Lỗi nội bộ'));

describe('parsePlan never throws', () => {
	it('on random strings (and reports no internal error)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
				expect(internalErrors(s)).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('on random lines built from plan-like pieces', () => {
		const piece = fc.constantFrom(
			'STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành',
			'I\tMục\t\t\t',
			'1\tViệc\tSở Tài chính\t\tQuý II/2026',
			'\tTiếp\t\t\t',
			'\t\t\t\t',
			'Phụ lục I',
			'V. TỔ CHỨC THỰC HIỆN',
			'1. Sở Tài chính:',
			'a) Sở Nội vụ',
			'a)',
			'1.',
			'-',
			'2. Mục tiêu cụ thể',
			'- 05-06 HTX',
			'báo cáo trước ngày 31/2',
			'Số: 1/KH',
			'Hà Nội, ngày 40 tháng 13 năm 2026',
			'KẾ HOẠCH',
			'Nơi nhận:',
			'',
			':',
			'\t'
		);
		fc.assert(
			fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 30 })), { maxLength: 40 }), (lines) => {
				expect(internalErrors(lines.join('\n'))).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('on empty and whitespace-only text, with a warning that nothing was found', () => {
		for (const text of ['', '   ', '\n\n\t\n']) {
			const parsed = parsePlan(text, { fallbackYear: 2026 });
			expect(parsed.appendices).toEqual([]);
			expect(parsed.plan.year).toBe(2026);
			expect(parsed.warnings.length).toBeGreaterThan(0);
		}
	});
});

describe('the same plan gives the same result however its text is encoded', () => {
	const original = readSeed(SEED_PLANS.canTho2026);
	const expected = parsePlan(original);

	it('with CRLF line ends', () => {
		expect(parsePlan(original.replace(/\n/g, '\r\n'))).toEqual(expected);
	});

	it('in NFD (decomposed) Unicode', () => {
		expect(parsePlan(original.normalize('NFD'))).toEqual(expected);
	});

	it('with non-breaking spaces and zero-width characters', () => {
		const noisy = original.replace(/ /g, (_, i: number) => (i % 3 ? ' ' : '\u00A0')).replace(/Sở/g, 'S\u200Bở');
		expect(parsePlan(noisy)).toEqual(expected);
	});

	it('with a UTF-8 byte order mark', () => {
		expect(parsePlan(decodeSource(new TextEncoder().encode(`\uFEFF${original}`)))).toEqual(expected);
	});

	it('all text in the result is NFC', () => {
		const json = JSON.stringify(parsePlan(original.normalize('NFD')));
		expect(json).toBe(json.normalize('NFC'));
	});
});

describe('reading plan files', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'phoihop-import-'));
	const write = (name: string, bytes: Uint8Array | string) => {
		const file = path.join(dir, name);
		writeFileSync(file, bytes);
		return file;
	};

	it('reads a UTF-8 plan file', async () => {
		const parsed = await parsePlanFile(seedPath(SEED_PLANS.canTho219));
		expect(parsed.plan.number).toBe('219/KH-UBND');
	});

	it('reads a UTF-16 file with a byte order mark', async () => {
		const text = readSeed(SEED_PLANS.canTho219);
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		expect((await parsePlanFile(write('utf16.txt', utf16))).plan.number).toBe('219/KH-UBND');
	});

	it('refuses an empty file', async () => {
		await expect(parsePlanFile(write('empty.txt', ''))).rejects.toMatchObject({ name: 'ImportError', code: 'empty' });
		await expect(parsePlanFile(write('blank.txt', ' \n\t\n'))).rejects.toMatchObject({ code: 'empty' });
	});

	it('refuses a binary file (a Word document, an image)', async () => {
		const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
		await expect(parsePlanFile(write('plan.docx', docx))).rejects.toMatchObject({ code: 'binary' });
	});

	it('refuses text in another encoding than UTF-8', async () => {
		const latin1 = new Uint8Array([0x53, 0xe0, 0x20, 0x54, 0xe0, 0x69]);
		await expect(parsePlanFile(write('latin1.txt', latin1))).rejects.toMatchObject({ code: 'encoding' });
	});

	it('refuses a missing file with a one-line Vietnamese and English message', async () => {
		const error = await parsePlanFile(path.join(dir, 'missing.txt')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect((error as ImportError).code).toBe('unreadable');
		expect((error as ImportError).message).toMatch(/^Tệp «.*missing\.txt» không tồn tại \/ The file “.*missing\.txt” does not exist$/);
		expect((error as ImportError).message).not.toContain('\n');
	});
});
