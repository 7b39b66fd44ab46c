/**
 * A minimal .docx around hand-written WordprocessingML, for structures the `docx` library does not
 * write (gridBefore, hMerge, a deleted table row, a text box with its fallback copy).
 */
import { strToU8, zipSync } from 'fflate';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

/** Word parts besides the document (numbering.xml, styles.xml), given as their inner XML. */
export interface RawParts {
	numbering?: string;
	styles?: string;
}

export function rawDocx(bodyXml: string, parts: RawParts = {}): Uint8Array {
	const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:mc="${MC}"><w:body>${bodyXml}</w:body></w:document>`;
	const files: Record<string, Uint8Array> = {
		'[Content_Types].xml': strToU8(CONTENT_TYPES),
		'_rels/.rels': strToU8(RELS),
		'word/document.xml': strToU8(document)
	};
	if (parts.numbering) files['word/numbering.xml'] = strToU8(`<w:numbering xmlns:w="${W}">${parts.numbering}</w:numbering>`);
	if (parts.styles) files['word/styles.xml'] = strToU8(`<w:styles xmlns:w="${W}">${parts.styles}</w:styles>`);
	return zipSync(files);
}

export const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
export const tc = (inner: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${inner || '<w:p/>'}</w:tc>`;
export const tr = (cells: string[], props = '') => `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
export const tbl = (rows: string[]) => `<w:tbl><w:tblPr/>${rows.join('')}</w:tbl>`;
export const cells = (...texts: string[]) => texts.map((t) => tc(p(t)));

export const HEADING = [p('Số: 12/KH-UBND'), p('Cần Thơ, ngày 3 tháng 4 năm 2026'), p('KẾ HOẠCH'), p('Thử nghiệm'), p('Phụ lục I')].join('');
export const HEADER_ROW = tr(cells('STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'), '<w:tblHeader/>');
