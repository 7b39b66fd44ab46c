import path from 'node:path';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../context.js';
import { declareRoutes } from '../http/declare-routes.js';
import type { SyncServer } from '../sync/sync-server.js';
import { ApiError } from '../http-error.js';
import { requireUser } from '../auth/require.js';
import { boardAccess, requireBoardAccess } from '../boards/access.js';
import { addAttachment, cardsMap, readCard } from '../../src/lib/core/board-doc.js';
import { cardAbilities } from '../../src/lib/core/permissions.js';
import { newId } from '../../src/lib/core/ids.js';
import { DatabaseBlobStore, DiskBlobStore, type BlobStore } from './blob-store.js';
import { detectAllowedType } from './file-types.js';

function mb(bytes: number) {
	return Math.round(bytes / 1024 / 1024);
}

/** Upload (POST /api/boards/:id/cards/:cardId/attachments) and download (GET /api/attachments/:id). */
export function attachmentRoutes(ctx: AppContext, sync: SyncServer) {
	const r = declareRoutes('/api');
	const files: BlobStore = ctx.sqlite ? new DiskBlobStore(path.join(ctx.config.dataDir, 'attachments')) : new DatabaseBlobStore(ctx.db);
	const limit = ctx.config.maxUploadBytes;
	// The body may still be arriving when we refuse it: close the connection rather than reuse it.
	const tooLarge = () => new ApiError(413, 'file_too_large', { limitMb: mb(limit) }, { Connection: 'close' });

	r.post(
		'/boards/:id/cards/:cardId/attachments',
		{
			who: 'signed-in',
			upload: bodyLimit({
				maxSize: limit + 64 * 1024,
				onError: () => {
					throw tooLarge();
				}
			})
		},
		async (c) => {
			const user = requireUser(c);
			const boardId = c.req.param('id');
			const cardId = c.req.param('cardId');
			await requireBoardAccess(ctx.db, user, boardId);
			const card = await sync.rooms.withRoom(boardId, (room) => {
				const m = cardsMap(room.doc).get(cardId);
				return m ? readCard(cardId, m) : null;
			});
			if (!card) throw new ApiError(404, 'card_not_found');
			const can = cardAbilities({ id: user.id, role: user.role, agencyId: user.agencyId }, card, sync.isCollective);
			if (!can.attach) throw new ApiError(403, 'attach_forbidden');

			const body = await c.req.parseBody();
			const file = body.file;
			if (!(file instanceof File)) throw new ApiError(400, 'no_file');
			if (file.size > limit) throw tooLarge();
			if (file.size === 0) throw new ApiError(400, 'empty_file');
			const bytes = new Uint8Array(await file.arrayBuffer());
			const name = path.basename(file.name.normalize('NFC')).slice(0, 200) || 'tep-dinh-kem';
			const mime = detectAllowedType(name, bytes);
			if (!mime) {
				throw new ApiError(415, 'type_not_allowed');
			}
			const sha256 = await files.put(bytes);
			const attachment = { id: newId(), name, size: bytes.length, mime, uploadedBy: user.id, uploadedAt: new Date().toISOString() };
			await ctx.db
				.insertInto('attachments')
				.values({
					id: attachment.id,
					board_id: boardId,
					card_id: cardId,
					name,
					size: attachment.size,
					mime,
					sha256,
					uploaded_by: user.id,
					uploaded_at: attachment.uploadedAt
				})
				.execute();
			await sync.change(boardId, user.id, cardId, 'attachment', (room) => addAttachment(room.doc, cardId, attachment));
			return c.json({ attachment }, 201);
		}
	);

	r.get('/attachments/:id', 'signed-in', async (c) => {
		const user = requireUser(c);
		const row = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', c.req.param('id')).executeTakeFirst();
		if (!row || !row.sha256) throw new ApiError(404, 'file_not_found');
		const access = await boardAccess(ctx.db, user, row.board_id);
		// Another organization's file is not found: its existence is not confirmed.
		if (access === 'not-found') throw new ApiError(404, 'file_not_found');
		if (access !== 'ok') throw new ApiError(403, 'file_forbidden');
		const stream = await files.read(row.sha256);
		if (!stream) throw new ApiError(404, 'file_not_found');
		return new Response(stream, {
			headers: {
				'Content-Type': row.mime,
				'Content-Length': String(row.size),
				'Content-Disposition': `attachment; filename="${row.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
				'X-Content-Type-Options': 'nosniff',
				'Cache-Control': 'private, max-age=0'
			}
		});
	});

	return r.router;
}
