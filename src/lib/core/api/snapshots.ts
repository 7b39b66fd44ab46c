/** Snapshots over HTTP: the body of POST /api/boards/:id/snapshots. */
import * as v from 'valibot';

/** The snapshot's name (the server names it after the date when it is empty). */
export const NewSnapshotBody = v.object({
	name: v.optional(
		v.pipe(
			v.string(),
			v.transform((s) => s.normalize('NFC'))
		),
		''
	)
});
