import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

/**
 * Attachment bytes, content-addressed under DATA_DIR/attachments (never in the web root): a file is
 * stored once however many cards carry it, under the SHA-256 of its bytes.
 */
export class FileStore {
	constructor(private root: string) {
		fs.mkdirSync(root, { recursive: true });
	}

	pathOf(sha256: string): string {
		if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid content address');
		return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
	}

	async put(bytes: Uint8Array): Promise<string> {
		const sha = createHash('sha256').update(bytes).digest('hex');
		const file = this.pathOf(sha);
		if (!fs.existsSync(file)) {
			await fs.promises.mkdir(path.dirname(file), { recursive: true });
			const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
			await fs.promises.writeFile(tmp, bytes);
			await fs.promises.rename(tmp, file);
		}
		return sha;
	}

	stream(sha256: string): fs.ReadStream {
		return fs.createReadStream(this.pathOf(sha256));
	}
}
