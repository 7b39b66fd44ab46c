/**
 * One genuine file of each allowed type. Images and the PDF were made by Chromium (canvas, page.pdf)
 * and are kept in tests/fixtures/attachments; Word and Excel files come from the libraries the app
 * writes them with (docx, exceljs); the PowerPoint, OpenDocument and old-Office files are assembled
 * here following their specifications (no generator for them is installed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';

const FIXTURES = path.resolve('tests/fixtures/attachments');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

/** A 1×1 GIF89a: screen, 2-colour table, graphic control extension, one image, trailer. */
export const GIF = new Uint8Array([
	0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b
]);

const CONTENT_TYPES = (main: string) =>
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="${main}"/></Types>`;

export function pptx(main = 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'): Uint8Array {
	return zipSync({
		'[Content_Types].xml': strToU8(CONTENT_TYPES(main)),
		'_rels/.rels': strToU8(
			'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>'
		),
		'ppt/presentation.xml': strToU8('<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>')
	});
}

/** An OpenDocument package: `mimetype` first and stored, then the content and the manifest. */
export function odf(mime: string): Uint8Array {
	return zipSync({
		mimetype: [strToU8(mime), { level: 0 }],
		'content.xml': strToU8('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
		'META-INF/manifest.xml': strToU8(
			`<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/></manifest:manifest>`
		)
	});
}

/**
 * A version-3 compound file (512-byte sectors): header, one FAT sector, one directory sector with
 * the root storage and an empty stream of this name.
 */
export function ole(streamName: string): Uint8Array {
	const b = new Uint8Array(512 * 3);
	const dv = new DataView(b.buffer);
	b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
	dv.setUint16(24, 0x3e, true); // minor version
	dv.setUint16(26, 3, true); // major version
	dv.setUint16(28, 0xfffe, true); // byte order
	dv.setUint16(30, 9, true); // sector shift: 512
	dv.setUint16(32, 6, true); // mini sector shift: 64
	dv.setUint32(44, 1, true); // FAT sectors
	dv.setUint32(48, 1, true); // first directory sector
	dv.setUint32(56, 4096, true); // mini stream cutoff
	dv.setUint32(60, 0xfffffffe, true); // no mini FAT
	dv.setUint32(68, 0xfffffffe, true); // no DIFAT sectors
	for (let k = 0; k < 109; k++) dv.setUint32(76 + 4 * k, k === 0 ? 0 : 0xffffffff, true);
	const fat = 512;
	for (let k = 0; k < 128; k++) dv.setUint32(fat + 4 * k, 0xffffffff, true);
	dv.setUint32(fat, 0xfffffffd, true); // sector 0 holds the FAT
	dv.setUint32(fat + 4, 0xfffffffe, true); // sector 1: the directory, one sector long
	const entry = (at: number, name: string, type: number) => {
		const n = Buffer.from(`${name}\0`, 'utf16le');
		b.set(n, at);
		dv.setUint16(at + 64, n.length, true);
		b[at + 66] = type;
		dv.setUint32(at + 68, 0xffffffff, true); // left sibling
		dv.setUint32(at + 72, 0xffffffff, true); // right sibling
		dv.setUint32(at + 76, type === 5 ? 1 : 0xffffffff, true); // child
		dv.setUint32(at + 116, 0xfffffffe, true); // start sector: none
	};
	entry(1024, 'Root Entry', 5);
	entry(1024 + 128, streamName, 2);
	return b;
}

async function docx(): Promise<Uint8Array> {
	const doc = new Document({ sections: [{ children: [new Paragraph('Báo cáo kết quả thực hiện quý II/2026')] }] });
	return new Uint8Array(await Packer.toBuffer(doc));
}

async function xlsx(): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('Phụ lục').addRow(['STT', 'Nhiệm vụ', 'Chủ trì']);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Every allowed extension except the text ones, with a genuine file of it (several for WebP). */
export async function samples(): Promise<{ ext: string; label: string; bytes: Uint8Array }[]> {
	return [
		{ ext: 'pdf', label: 'Chromium PDF', bytes: fixture('sample.pdf') },
		{ ext: 'png', label: 'Chromium PNG', bytes: fixture('sample.png') },
		{ ext: 'jpg', label: 'Chromium JPEG', bytes: fixture('sample.jpg') },
		{ ext: 'jpeg', label: 'Chromium JPEG', bytes: fixture('sample.jpg') },
		{ ext: 'gif', label: '1×1 GIF89a', bytes: GIF },
		{ ext: 'webp', label: 'lossy (VP8)', bytes: fixture('sample.webp') },
		{ ext: 'webp', label: 'lossless (VP8L)', bytes: fixture('sample.lossless.webp') },
		{ ext: 'webp', label: 'extended (VP8X, alpha, ICC)', bytes: fixture('sample.alpha.webp') },
		{ ext: 'docx', label: 'docx library', bytes: await docx() },
		{ ext: 'xlsx', label: 'exceljs', bytes: await xlsx() },
		{ ext: 'pptx', label: 'minimal package', bytes: pptx() },
		{ ext: 'odt', label: 'minimal package', bytes: odf('application/vnd.oasis.opendocument.text') },
		{ ext: 'ods', label: 'minimal package', bytes: odf('application/vnd.oasis.opendocument.spreadsheet') },
		{ ext: 'doc', label: 'compound file', bytes: ole('WordDocument') },
		{ ext: 'xls', label: 'compound file', bytes: ole('Workbook') },
		{ ext: 'ppt', label: 'compound file', bytes: ole('PowerPoint Document') }
	];
}
