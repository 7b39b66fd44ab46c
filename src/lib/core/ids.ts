const ALPHABET = '0123456789abcdefghijkmnpqrstuvwxyz';

/** A short random id (about 62 bits), URL-safe; works in the browser and in Node. */
export function newId(length = 12): string {
	const bytes = new Uint8Array(length);
	globalThis.crypto.getRandomValues(bytes);
	let id = '';
	for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
	return id;
}
