/** Building blocks of the request schemas: text as people type it (NFC, trimmed) and ids. */
import * as v from 'valibot';

/** Text normalised to NFC and trimmed. */
export const cleanText = () =>
	v.pipe(
		v.string(),
		v.transform((s) => s.normalize('NFC').trim())
	);

/** An id as the server makes them (or a client's own label for one): a short string. */
export const Id = v.pipe(v.string(), v.maxLength(200));
