/**
 * Where attachment bytes live, content-addressed by SHA-256 (a file is stored once however many
 * cards carry it). Embedded: files under DATA_DIR/attachments (file-store.ts). On PostgreSQL: the
 * `attachment_blobs` table, so that every node of a cluster serves every file.
 */
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import type { DB } from '../db/database.js';
import { FileStore } from './file-store.js';

export interface BlobStore {
	/** Stores the bytes (once); returns their SHA-256. */
	put(bytes: Uint8Array): Promise<string>;
	/** The bytes as a web stream, or null when they are missing. */
	read(sha256: string): Promise<ReadableStream | null>;
}

export class DiskBlobStore implements BlobStore {
	private files: FileStore;
	constructor(root: string) {
		this.files = new FileStore(root);
	}
	put(bytes: Uint8Array): Promise<string> {
		return this.files.put(bytes);
	}
	async read(sha256: string): Promise<ReadableStream | null> {
		return Readable.toWeb(this.files.stream(sha256)) as ReadableStream;
	}
}

export class DatabaseBlobStore implements BlobStore {
	constructor(private db: DB) {}

	async put(bytes: Uint8Array): Promise<string> {
		const sha = createHash('sha256').update(bytes).digest('hex');
		await this.db
			.insertInto('attachment_blobs')
			.values({ sha256: sha, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), created_at: new Date().toISOString() })
			.onConflict((oc) => oc.column('sha256').doNothing())
			.execute();
		return sha;
	}

	async read(sha256: string): Promise<ReadableStream | null> {
		const row = await this.db.selectFrom('attachment_blobs').select('data').where('sha256', '=', sha256).executeTakeFirst();
		if (!row) return null;
		const bytes = new Uint8Array(row.data);
		return new ReadableStream({
			start(controller) {
				controller.enqueue(bytes);
				controller.close();
			}
		});
	}
}
