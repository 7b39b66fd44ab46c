/**
 * A plan appendix kept as a spreadsheet: one task per row under a header row found by its column
 * names (wherever it is in the first rows, in any column order), section rows recognised as in a
 * Word table. Rows above the header (the appendix title) are read as paragraphs. Each visible
 * sheet with a header is one appendix.
 */
import { searchKey } from '../../../src/lib/core/text.js';
import { refusals } from '../import-refusal.js';
import { SourceBuilder, type OfficeSource } from '../office/source-builder.js';
import { findHeader, textOrder } from '../office/table-header.js';
import { readRows } from '../office/table-rows.js';
import { readWorkbook } from './read-workbook.js';

/** Title rows, notes and blank rows may stand above the header. */
const HEADER_SEARCH_ROWS = 30;

export async function readXlsxPlan(bytes: Uint8Array): Promise<OfficeSource> {
	const sheets = await readWorkbook(bytes);
	const out = new SourceBuilder();
	let tables = 0;
	for (const sheet of sheets) {
		const found = findHeader(sheet.rows, HEADER_SEARCH_ROWS);
		if (!found) {
			if (sheet.rows.some((r) => r.cells.some((c) => c.text))) {
				out.note('source_sheet_no_header', { sheet: sheet.name });
				out.unrecognisedTables++;
			}
			continue;
		}
		tables++;
		const above = sheet.rows
			.slice(0, found.start)
			.map((r) =>
				r.cells
					.filter((c) => c.origin === 'own' && c.text)
					.map((c) => c.text)
					.join(' ')
			)
			.filter(Boolean);
		// Each sheet is its own appendix; a sheet that does not say which gets a heading from its name.
		if (!above.some((line) => /^phu luc\b/.test(searchKey(line)))) out.paragraph(`Phụ lục (trang tính «${sheet.name}»)`);
		for (const line of above) out.paragraph(line);
		const width = Math.max(0, ...sheet.rows.map((r) => r.cells.length));
		out.row(found.match.cells, sheet.rows[found.start].label);
		const layout = { order: textOrder(width, found.match.sttColumn), match: found.match };
		for (const row of readRows(sheet.rows.slice(found.start + found.height), layout)) out.row(row.cells, row.label);
	}
	if (!tables) throw refusals.noHeader();
	return out.build();
}
