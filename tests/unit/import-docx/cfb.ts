/**
 * A Compound File Binary container (the format of .doc files, and of .docx/.xlsx files once a
 * password is set: Office then stores the encrypted package in a CFB stream "EncryptedPackage").
 * Only the header and one directory sector are written: enough to be recognised for what it is.
 */
export function compoundFile(streamNames: string[]): Uint8Array {
	const bytes = new Uint8Array(512 * 2);
	bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
	const view = new DataView(bytes.buffer);
	view.setUint16(0x1a, 3, true); // major version 3
	view.setUint16(0x1c, 0xfffe, true); // little-endian
	view.setUint16(0x1e, 9, true); // 512-byte sectors
	view.setUint32(0x30, 0, true); // first directory sector
	['Root Entry', ...streamNames].forEach((name, i) => {
		const at = 512 + i * 128;
		const utf16 = Buffer.from(`${name}\0`, 'utf16le');
		bytes.set(utf16, at);
		view.setUint16(at + 0x40, utf16.length, true);
		bytes[at + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
	});
	return bytes;
}
