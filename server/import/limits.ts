/** Sizes and times the importer accepts; a plan is far below them (a few hundred kB of text). */

/** Largest file accepted for import: Word files with scanned appendices run to tens of MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
export const MAX_IMPORT_MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** A parse taking longer than this is stopped (a crafted file, not a plan). */
export const PARSE_TIMEOUT_MS = 60_000;

/** Heap of the parse worker: a file that needs more is refused instead of taking the server down. */
export const PARSE_WORKER_HEAP_MB = 1024;

/** LibreOffice's conversion of one .doc file (its first start takes a few seconds). */
export const DOC_CONVERT_TIMEOUT_MS = 45_000;

/** Pages read from a PDF: a plan runs to tens of pages, an appendix to a few dozen more. */
export const MAX_PDF_PAGES = 500;
