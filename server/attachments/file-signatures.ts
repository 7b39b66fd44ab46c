/**
 * Whether bytes really are a PNG, JPEG, GIF, WebP or PDF: the signature and the first structure after
 * it (PNG's IHDR with its CRC and the closing IEND, JPEG's segments up to the first scan, GIF's blocks
 * up to the trailer, WebP's RIFF container with a VP8/VP8L/VP8X chunk, PDF's version and end marker).
 * Four magic bytes alone
 * let any RIFF file (a WAV, an AVI) pass as .webp.
 */

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const u32le = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const ascii = (b: Uint8Array, i: number, s: string) => b.length >= i + s.length && [...s].every((ch, k) => b[i + k] === ch.charCodeAt(0));

export function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
	return b.length >= at + sig.length && sig.every((x, k) => b[at + k] === x);
}

let crcTable: Uint32Array | null = null;
function crc32(b: Uint8Array): number {
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable[n] = c >>> 0;
		}
	}
	let c = 0xffffffff;
	for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_END = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
/** Bit depths allowed for each PNG colour type. */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** The signature, then an IHDR chunk of 13 bytes with sane fields and a matching CRC; IEND last. */
export function isPng(b: Uint8Array): boolean {
	if (!startsWith(b, PNG_SIGNATURE) || b.length < 33) return false;
	if (u32be(b, 8) !== 13 || !ascii(b, 12, 'IHDR')) return false;
	const width = u32be(b, 16);
	const height = u32be(b, 20);
	const depth = b[24];
	const colour = b[25];
	if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return false;
	if (!PNG_DEPTHS[colour]?.includes(depth) || b[26] !== 0 || b[27] !== 0 || b[28] > 1) return false;
	if (crc32(b.subarray(12, 29)) !== u32be(b, 29)) return false;
	// The file ends with the IEND chunk (empty, fixed CRC): a cut-off image is refused.
	return b.length >= 45 && startsWith(b, PNG_END, b.length - 12);
}

/** Start-of-frame markers (baseline, progressive, lossless…); C4 (DHT), C8 and CC are not frames. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * SOI, then well-formed segments (each `FF marker length`, inside the file) up to the first scan,
 * with a frame header before it.
 */
export function isJpeg(b: Uint8Array): boolean {
	if (!startsWith(b, [0xff, 0xd8, 0xff])) return false;
	let i = 2;
	let frame = false;
	for (let segments = 0; segments < 1000; segments++) {
		if (i + 4 > b.length || b[i] !== 0xff) return false;
		let marker = b[i + 1];
		// Fill bytes (FF FF …) may precede a marker.
		while (marker === 0xff && i + 2 < b.length) marker = b[++i + 1];
		if (marker === 0x00 || marker === 0xd8 || marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) return false;
		const length = u16be(b, i + 2);
		if (length < 2 || i + 2 + length > b.length) return false;
		if (isSof(marker)) {
			// Precision, height, width, components: a frame of no width or no component is no image.
			if (length < 8 || u16be(b, i + 7) === 0 || b[i + 9] === 0) return false;
			frame = true;
		}
		if (marker === 0xda) return frame;
		i += 2 + length;
	}
	return false;
}

/**
 * "GIF87a"/"GIF89a", a screen of some size and its colour table, then well-formed blocks (extensions,
 * images with their LZW data) up to the trailer: a truncated file is refused.
 */
export function isGif(b: Uint8Array): boolean {
	if (!(ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) || b.length < 14) return false;
	if (b[6] + b[7] === 0 || b[8] + b[9] === 0) return false;
	const colourTable = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
	let i = 13 + colourTable(b[10]);
	/** Skips data sub-blocks (a size byte, that many bytes) up to the empty one; -1 past the end. */
	const subBlocks = (at: number) => {
		while (at < b.length && b[at] !== 0) at += 1 + b[at];
		return at < b.length ? at + 1 : -1;
	};
	let images = 0;
	while (i >= 0 && i < b.length) {
		const block = b[i];
		if (block === 0x3b) return images > 0;
		if (block === 0x21) {
			if (i + 2 > b.length) return false;
			i = subBlocks(i + 2);
		} else if (block === 0x2c) {
			if (i + 11 > b.length) return false;
			const lzwMinimum = b[i + 10 + colourTable(b[i + 9])];
			i += 10 + colourTable(b[i + 9]);
			if (i >= b.length || lzwMinimum < 2 || lzwMinimum > 8) return false;
			i = subBlocks(i + 1);
			images++;
		} else return false;
	}
	return false;
}

/**
 * "RIFF" size "WEBP", chunks that fill the declared size exactly (inside the file), and a first chunk
 * that is a VP8 key frame (start code 9D 01 2A), a VP8L bitstream (signature 2F) or a VP8X header
 * (10 bytes, reserved bits 0) followed by image data (VP8, VP8L, or an animation).
 */
export function isWebp(b: Uint8Array): boolean {
	if (!ascii(b, 0, 'RIFF') || !ascii(b, 8, 'WEBP') || b.length < 20) return false;
	const end = u32le(b, 4) + 8;
	if (end < 20 || end > b.length) return false;
	const chunks: string[] = [];
	let at = 12;
	while (at < end) {
		if (at + 8 > end) return false;
		const size = u32le(b, at + 4);
		if (at + 8 + size > end) return false;
		chunks.push(String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]));
		at += 8 + size + (size & 1);
	}
	// A padding byte may run one past the declared end only if the writer left it out of the size.
	if (at > end + 1 || chunks.length === 0) return false;
	const data = 20;
	const chunkSize = u32le(b, 16);
	if (chunks[0] === 'VP8 ') {
		// 3-byte frame tag (bit 0 clear = key frame), start code, then 14-bit width and height.
		return (
			chunkSize >= 10 &&
			(b[data] & 1) === 0 &&
			startsWith(b, [0x9d, 0x01, 0x2a], data + 3) &&
			(u16le(b, data + 6) & 0x3fff) > 0 &&
			(u16le(b, data + 8) & 0x3fff) > 0
		);
	}
	if (chunks[0] === 'VP8L') {
		// The version (3 bits after two 14-bit sizes) must be 0.
		return chunkSize >= 5 && b[data] === 0x2f && (b[data + 4] & 0xe0) === 0;
	}
	if (chunks[0] === 'VP8X') {
		// Flags: reserved bits 0, then 3 reserved bytes of 0; canvas width and height are 24-bit minus one.
		const header = chunkSize === 10 && (b[data] & 0xc1) === 0 && b[data + 1] === 0 && b[data + 2] === 0 && b[data + 3] === 0;
		return header && chunks.some((c) => c === 'VP8 ' || c === 'VP8L' || c === 'ANIM');
	}
	return false;
}

const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);

/** "%PDF-1.x" (or 2.x) at the start, and an end-of-file marker in the last kilobyte, as readers expect. */
export function isPdf(b: Uint8Array): boolean {
	if (!ascii(b, 0, '%PDF-') || b.length < 16) return false;
	const major = b[5];
	if (!((major === 0x31 || major === 0x32) && b[6] === 0x2e && b[7] >= 0x30 && b[7] <= 0x39)) return false;
	const tail = Buffer.from(b.subarray(Math.max(0, b.length - 1024))).toString('latin1');
	return tail.includes('%%EOF');
}
