/**
 * File uploads for import: the request body is the file itself (the browser sends it with
 * progress events), its name in `?name=`. A body over the limit is refused as soon as its
 * declared length is seen, before it is read.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../app-env.js';
import { ApiError } from '../../http-error.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../limits.js';

export interface Upload {
	bytes: Uint8Array;
	fileName: string;
}

export function uploadLimit(): MiddlewareHandler<AppEnv> {
	return bodyLimit({
		maxSize: MAX_IMPORT_BYTES,
		onError: () => {
			// The client may still be sending: close the connection rather than read the rest.
			throw tooLarge();
		}
	});
}

const tooLarge = () => new ApiError(413, 'too_large', { limitMb: MAX_IMPORT_MB }, { Connection: 'close' });

/** The uploaded file, and its name as the `?name=` query gave it (made safe). */
export async function readUpload(c: Context<AppEnv>, name: string): Promise<Upload> {
	const fileName = name.normalize('NFC').replace(/[/\\]/g, '_').slice(0, 200) || 'ke-hoach';
	const bytes = await readBody(c.req.raw.body, Number(c.req.header('content-length')));
	if (!bytes.length) throw new ApiError(400, 'empty_file');
	return { bytes, fileName };
}

/**
 * The body, chunk by chunk into one buffer sized from the declared length: a large upload is
 * never gathered and then copied whole, which would hold the event loop for tens of milliseconds.
 */
async function readBody(body: ReadableStream<Uint8Array> | null, declared: number): Promise<Uint8Array> {
	if (!body) return new Uint8Array(0);
	let buffer = new Uint8Array(Number.isFinite(declared) && declared > 0 ? Math.min(declared, MAX_IMPORT_BYTES) : 1 << 20);
	let size = 0;
	const reader = body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (size + value.length > buffer.length) {
			if (size + value.length > MAX_IMPORT_BYTES) throw tooLarge();
			const grown = new Uint8Array(Math.min(MAX_IMPORT_BYTES, Math.max(size + value.length, buffer.length * 2)));
			grown.set(buffer.subarray(0, size));
			buffer = grown;
		}
		buffer.set(value, size);
		size += value.length;
	}
	return size === buffer.length ? buffer : buffer.slice(0, size);
}
