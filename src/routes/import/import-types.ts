/** Shapes of the import and round-trip answers (defined once in $lib/core/api, used by the server too). */
export type {
	DraftEdit,
	EditableField,
	ImportPreview,
	ImportSummary,
	PreviewAgency,
	PreviewAppendix,
	PreviewSection,
	PreviewTask,
	PreviewWarning,
	TaskRef
} from '$lib/core/api/import.js';
export type { ApplyOutcome, CardChange, FieldChange, ReturnPreview } from '$lib/core/api/roundtrip.js';

/** Where an upload stands, for the progress shown to the admin. */
export type UploadPhase = 'idle' | 'uploading' | 'reading' | 'ready';

/** The largest file the server takes (server/import/limits.ts), checked before sending. */
export const MAX_UPLOAD_MB = 64;
