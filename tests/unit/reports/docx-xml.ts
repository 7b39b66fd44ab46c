/** Opens a DOCX (a zip) and returns the text runs of word/document.xml, for checking generated reports. */
import { strFromU8, unzipSync } from 'fflate';

export function documentXml(docx: Uint8Array): string {
	const files = unzipSync(docx);
	const xml = files['word/document.xml'];
	if (!xml) throw new Error('word/document.xml missing');
	return strFromU8(xml);
}

/** The text of each table row (<w:tr>) of each table, cells joined by " | ". */
export function tableRows(xml: string): string[][] {
	const tables = xml
		.split('<w:tbl>')
		.slice(1)
		.map((t) => t.split('</w:tbl>')[0]);
	return tables.map((t) =>
		[...t.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => runsText(tc[0])).join(' | '))
	);
}

export function runsText(xml: string): string {
	return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join('');
}

function decode(s: string): string {
	return s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}
