import { searchKey } from '../../src/lib/core/text.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** An ASCII file-name stem from Vietnamese text: "Phụ lục I" → "phu-luc-i". */
export function fileStem(...parts: string[]): string {
	return parts
		.map((p) =>
			searchKey(p)
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-+|-+$/g, '')
		)
		.filter(Boolean)
		.join('-')
		.slice(0, 80);
}

/**
 * A generated file as a download. Content-Length is set so the browser can show how much of a long
 * export has arrived; the UTF-8 name is given alongside an ASCII fallback.
 */
export function downloadResponse(bytes: Buffer, type: string, name: string): Response {
	const ascii = name.replace(/[^\x20-\x7e]|"/g, '_');
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': type,
			'Content-Length': String(bytes.length),
			'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store'
		}
	});
}
