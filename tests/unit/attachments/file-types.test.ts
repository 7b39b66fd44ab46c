import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALLOWED_TYPES, detectAllowedType } from '../../../server/attachments/file-types.js';
import { GIF, ole, pptx, samples } from './sample-files.js';

let all: Awaited<ReturnType<typeof samples>> = [];
beforeAll(async () => {
	all = await samples();
});

const BINARY_EXTENSIONS = Object.keys(ALLOWED_TYPES).filter((e) => e !== 'txt' && e !== 'csv');

/** Where a file must be cut to be whole again: the byte after its last meaningful one. */
function meaningfulLength(ext: string, bytes: Uint8Array): number {
	if (ext === 'pdf') return Buffer.from(bytes).toString('latin1').lastIndexOf('%%EOF') + 5;
	if (ext === 'jpg' || ext === 'jpeg') {
		// The check reads the segments up to the start of the scan: a cut inside them is refused.
		const sos = Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xda]));
		return sos + 2 + ((bytes[sos + 2] << 8) | bytes[sos + 3]);
	}
	if (ext === 'doc' || ext === 'xls' || ext === 'ppt') return 512 * 3;
	return bytes.length;
}

/** Bytes of each sample that no other value can replace (signature, sizes, fourcc, CRC-covered). */
function criticalOffsets(ext: string, bytes: Uint8Array): number[] {
	const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
	switch (ext) {
		case 'png':
			return range(0, 33);
		case 'jpg':
		case 'jpeg':
			return range(0, 3);
		case 'gif':
			// Byte 4 is the version: 7 (GIF87a) is as good as 9.
			return [0, 1, 2, 3, 5];
		case 'webp': {
			const simple = bytes[15] === 0x20 ? [23, 24, 25] : [];
			return [...range(0, 16), ...simple];
		}
		case 'pdf':
			return [0, 1, 2, 3, 4, 6];
		case 'doc':
		case 'xls':
		case 'ppt':
			return [...range(0, 8), 26, 28, 29, 30, 32, 1024 + 66];
		default:
			return range(0, 4);
	}
}

/** Whether a RIFF file's last chunk has an odd size (so a padding byte follows it). */
function lastChunkOdd(b: Uint8Array): boolean {
	let at = 12;
	let odd = false;
	while (at + 8 <= b.length) {
		const size = b[at + 4] | (b[at + 5] << 8) | (b[at + 6] << 16) | (b[at + 7] * 0x1000000);
		odd = (size & 1) === 1;
		at += 8 + size + (size & 1);
	}
	return odd;
}

describe('every allowed type is checked by its structure, not by a few magic bytes', () => {
	it('accepts a genuine file of every type under its own extension', () => {
		for (const s of all) expect(detectAllowedType(`tep.${s.ext}`, s.bytes), `${s.ext} (${s.label})`).toBe(ALLOWED_TYPES[s.ext].mime);
		expect(new Set(all.map((s) => s.ext))).toEqual(new Set(BINARY_EXTENSIONS));
	});

	it('refuses a genuine file under another type’s extension', () => {
		for (const s of all) {
			for (const ext of BINARY_EXTENSIONS) {
				const same = ALLOWED_TYPES[ext].mime === ALLOWED_TYPES[s.ext].mime;
				if (!same) expect(detectAllowedType(`tep.${ext}`, s.bytes), `${s.ext} (${s.label}) as .${ext}`).toBeNull();
			}
		}
	});

	it('refuses random bytes under every binary extension', () => {
		fc.assert(
			fc.property(fc.constantFrom(...BINARY_EXTENSIONS), fc.uint8Array({ maxLength: 4096 }), (ext, bytes) => {
				expect(detectAllowedType(`tep.${ext}`, bytes)).toBeNull();
			}),
			{ numRuns: 2000 }
		);
	});

	it('refuses random bytes behind the right magic bytes (what the old check let through)', () => {
		const magic: Record<string, number[]> = {
			webp: [0x52, 0x49, 0x46, 0x46],
			png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
			jpg: [0xff, 0xd8, 0xff],
			gif: [...Buffer.from('GIF89a')],
			pdf: [...Buffer.from('%PDF-1.7\n')],
			docx: [0x50, 0x4b, 0x03, 0x04],
			odt: [0x50, 0x4b, 0x03, 0x04],
			doc: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
		};
		fc.assert(
			fc.property(fc.constantFrom(...Object.keys(magic)), fc.uint8Array({ maxLength: 2048 }), (ext, rest) => {
				expect(detectAllowedType(`tep.${ext}`, new Uint8Array([...magic[ext], ...rest]))).toBeNull();
			}),
			{ numRuns: 2000 }
		);
	});

	it('refuses every genuine file cut short before its last meaningful byte', () => {
		fc.assert(
			fc.property(fc.nat(), fc.nat(), (which, cut) => {
				const s = all[which % all.length];
				const length = cut % meaningfulLength(s.ext, s.bytes);
				expect(detectAllowedType(`tep.${s.ext}`, s.bytes.subarray(0, length)), `${s.ext} (${s.label}) cut at ${length}`).toBeNull();
			}),
			{ numRuns: 3000 }
		);
	});

	it('refuses every genuine file with one of its header bytes changed', () => {
		fc.assert(
			fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (which, pick, delta) => {
				const s = all[which % all.length];
				const offsets = criticalOffsets(s.ext, s.bytes);
				const at = offsets[pick % offsets.length];
				const mutated = s.bytes.slice();
				mutated[at] = (mutated[at] + delta) & 0xff;
				// A RIFF size one short of the file is what writers leave when they omit the last odd chunk's
				// padding byte from it; the check accepts that on purpose (see isWebp), so it is not a corruption.
				const riffSize = (b: Uint8Array) => b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] * 0x1000000);
				fc.pre(
					!(s.ext === 'webp' && at === 4 && riffSize(mutated) === riffSize(s.bytes) - 1 && (s.bytes.length - 8) % 2 === 0 && lastChunkOdd(s.bytes))
				);
				expect(detectAllowedType(`tep.${s.ext}`, mutated), `${s.ext} (${s.label}), byte ${at}`).toBeNull();
			}),
			{ numRuns: 3000 }
		);
	});
});

describe('the cases that prompted the check', () => {
	it('a WAV or an AVI renamed .webp is refused (RIFF, but not WEBP)', () => {
		const riff = (form: string, chunk: string) => {
			const b = Buffer.alloc(44);
			b.write('RIFF', 0, 'latin1');
			b.writeUInt32LE(36, 4);
			b.write(form, 8, 'latin1');
			b.write(chunk, 12, 'latin1');
			b.writeUInt32LE(16, 16);
			return new Uint8Array(b);
		};
		expect(detectAllowedType('anh.webp', riff('WAVE', 'fmt '))).toBeNull();
		expect(detectAllowedType('anh.webp', riff('AVI ', 'LIST'))).toBeNull();
		// RIFF/WEBP with an unknown first chunk is not an image either.
		expect(detectAllowedType('anh.webp', riff('WEBP', 'ALPH'))).toBeNull();
	});

	it('a macro-enabled presentation renamed .pptx is refused; the same package with the plain type passes', () => {
		expect(detectAllowedType('slide.pptx', pptx('application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml'))).toBeNull();
		expect(detectAllowedType('slide.pptx', pptx())).toBe(ALLOWED_TYPES.pptx.mime);
	});

	it('a compound file without the program’s stream is refused (an .msi or .msg is OLE too)', () => {
		expect(detectAllowedType('van-ban.doc', ole('__properties_version1.0'))).toBeNull();
		expect(detectAllowedType('bang.xls', ole('WordDocument'))).toBeNull();
		expect(detectAllowedType('bang.xls', ole('Book'))).toBe(ALLOWED_TYPES.xls.mime);
	});

	it('a GIF without an image before the trailer is refused', () => {
		const header = GIF.subarray(0, 19);
		expect(detectAllowedType('a.gif', new Uint8Array([...header, 0x3b]))).toBeNull();
	});

	it('text must be UTF-8 throughout, a character split at 64 KiB included', () => {
		const text = new TextEncoder().encode(`${'a'.repeat(65_535)}ệ cuối tệp`);
		expect(detectAllowedType('ghi-chu.txt', text)).toBe('text/plain; charset=utf-8');
		const latin1 = new Uint8Array([...new TextEncoder().encode('a'.repeat(70_000)), 0xe9]);
		expect(detectAllowedType('ghi-chu.txt', latin1)).toBeNull();
		expect(detectAllowedType('bang.csv', new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
	});
});
