/** Shapes of the import and round-trip answers, as the server defines them (types only, nothing of the server is bundled). */
export type { ImportPreview, PreviewAgency, PreviewAppendix, PreviewSection, PreviewTask, PreviewWarning } from '../../../server/import/draft/import-preview.js';
export type { DraftEdit, EditableField, TaskRef } from '../../../server/import/draft/import-draft.js';
export type { ImportSummary } from '../../../server/import/persist.js';
export type { ReturnPreview } from '../../../server/roundtrip/routes.js';
export type { CardChange, FieldChange } from '../../../server/roundtrip/card-changes.js';
export type { ApplyOutcome } from '../../../server/roundtrip/apply-returned.js';

/** Where an upload stands, for the progress shown to the admin. */
export type UploadPhase = 'idle' | 'uploading' | 'reading' | 'ready';

/** The largest file the server takes (server/import/limits.ts), checked before sending. */
export const MAX_UPLOAD_MB = 64;
