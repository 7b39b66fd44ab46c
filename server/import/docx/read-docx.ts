/**
 * A Word plan (.docx) as the text form the plan parser reads. Paragraphs stay paragraphs (the
 * parser finds the header, targets, reports and prose duties in them); tables are read from
 * their real structure, merged cells resolved, and written as tab-separated rows. Tables that
 * are only page layout (the letterhead, the signature block) are read as paragraphs.
 */
import { note } from '../../../src/lib/core/api/notes.js';
import { refusals } from '../import-refusal.js';
import { readEntries } from '../office/zip-entries.js';
import type { OfficeSource } from '../office/source-builder.js';
import { TableEmitter } from '../office/table-emitter.js';
import { parseDocumentXml, type DocBlock } from './document-xml.js';
import { ListNumbering } from './list-numbering.js';
import { toGrid } from './table-grid.js';

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
const STYLES = 'word/styles.xml';
const PARTS = new Set([DOCUMENT, NUMBERING, STYLES]);

export function readDocx(bytes: Uint8Array): OfficeSource {
	const parts = readEntries(bytes, (name) => PARTS.has(name), 'Word');
	const xml = parts.get(DOCUMENT);
	if (!xml) throw refusals.corrupt('Word');
	return docxSource(parseDocumentXml(xml, new ListNumbering(parts.get(NUMBERING), parts.get(STYLES))));
}

export function docxSource(blocks: DocBlock[]): OfficeSource {
	const out = new TableEmitter();
	let tableNo = 0;
	for (const block of blocks) {
		if (block.kind === 'paragraph') {
			out.paragraph(block.text);
			continue;
		}
		tableNo++;
		out.table(toGrid(block.rows, tableNo), note('where_table', { table: tableNo }));
	}
	return out.build();
}
