/**
 * Says where in the board document an incoming Yjs update writes, without applying it: every new item
 * and every deletion is located as a path from a root type ("cards", cardId, "status"). The cost is
 * proportional to the update (each lookup is a binary search in the document's struct store), never
 * to the board, so the permission check can run on every update.
 */
import * as Y from 'yjs';

/** One segment of a path: a map key, or an array/text element (the Item that holds it). */
export type Segment = { key: string } | { element: Y.ID };

export interface Touch {
	kind: 'insert' | 'delete';
	/** Path of the slot written, from the root type name; null when it could not be located. */
	path: Segment[] | null;
	/** The item written (for inserts: the new item, whose content can be read). */
	item: Y.Item | null;
	/** True when the containing item is new in this same update (e.g. the fields of a new comment). */
	parentIsNew: boolean;
}

export interface UpdateTouches {
	touches: Touch[];
	/** Structs that reference items neither in the document nor in the update (a gap in history). */
	unresolved: number;
}

const MAX_DEPTH = 12;

/** An update that decodes but could not have been produced by Yjs (it would corrupt the document). */
export class MalformedUpdateError extends Error {}

class UpdateIndex {
	private byClient = new Map<number, Y.Item[]>();
	add(item: Y.Item) {
		let list = this.byClient.get(item.id.client);
		if (!list) this.byClient.set(item.id.client, (list = []));
		list.push(item);
	}
	find(id: Y.ID): Y.Item | null {
		const list = this.byClient.get(id.client);
		if (!list) return null;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const it = list[mid];
			if (id.clock < it.id.clock) hi = mid - 1;
			else if (id.clock >= it.id.clock + it.length) lo = mid + 1;
			else return it;
		}
		return null;
	}
}

function docItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
	if (Y.getState(doc.store, id.client) <= id.clock) return null;
	const s = Y.getItem(doc.store, id) as Y.Item | Y.AbstractStruct;
	return s instanceof Y.Item ? s : null;
}

function rootName(type: Y.AbstractType<unknown>): string | null {
	try {
		return Y.findRootTypeKey(type);
	} catch {
		return null;
	}
}

/** Path of a slot held by an integrated item of the document. */
function pathOfDocItem(item: Y.Item, depth = 0): Segment[] | null {
	if (depth > MAX_DEPTH) return null;
	const parent = item.parent as Y.AbstractType<unknown> | null;
	if (!parent || !(parent instanceof Y.AbstractType)) return null;
	const own: Segment = item.parentSub !== null ? { key: item.parentSub } : { element: item.id };
	if (parent._item === null) {
		const root = rootName(parent);
		return root === null ? null : [{ key: root }, own];
	}
	const up = pathOfDocItem(parent._item, depth + 1);
	return up ? [...up, own] : null;
}

export function decodeTouches(doc: Y.Doc, update: Uint8Array): UpdateTouches {
	const { structs, ds } = Y.decodeUpdate(update);
	const index = new UpdateIndex();
	for (const s of structs) if (s instanceof Y.Item) index.add(s);

	const memo = new Map<Y.Item, Segment[] | null>();
	const newParent = new Set<Y.Item>();

	/** Parent (root name, or the item holding the parent type) and key of an item from the update. */
	const pathOfUpdateItem = (item: Y.Item, depth: number): Segment[] | null => {
		if (memo.has(item)) return memo.get(item)!;
		if (depth > MAX_DEPTH) return null;
		memo.set(item, null); // guards against cycles in a hostile update
		let result: Segment[] | null = null;
		const parent = item.parent as unknown;
		if (typeof parent === 'string') {
			result = [{ key: parent }, item.parentSub !== null ? { key: item.parentSub } : { element: item.id }];
		} else if (parent instanceof Y.ID) {
			const up = locate(parent, depth + 1);
			if (up) {
				result = [...up.path, item.parentSub !== null ? { key: item.parentSub } : { element: item.id }];
				if (up.isNew) newParent.add(item);
			}
		} else {
			// Parent info omitted: the item sits next to its origin, in the same parent and under the same key.
			const neighbourId = item.origin ?? item.rightOrigin;
			if (neighbourId) {
				const n = locate(neighbourId, depth + 1, true);
				if (n) {
					result = n.path;
					if (n.parentIsNew) newParent.add(item);
					if (result && result.length > 0 && 'element' in result[result.length - 1]) {
						result = [...result.slice(0, -1), { element: item.id }];
					}
				}
			}
		}
		memo.set(item, result);
		return result;
	};

	/**
	 * Path of the slot held by the item with this id. With `sibling`, the path of the slot itself
	 * (used for origins); otherwise the path of the type this item contains (used for parents) —
	 * both are the same path, the distinction is only whether the item counts as "new".
	 */
	const locate = (
		id: Y.ID,
		depth: number,
		sibling = false
	): { path: Segment[]; isNew: boolean; parentIsNew: boolean } | null => {
		const fromUpdate = index.find(id);
		const known = docItem(doc, id);
		const holder = known ?? fromUpdate;
		if (!sibling && holder && !(holder.content instanceof Y.ContentType)) {
			throw new MalformedUpdateError('an item names a parent that is not a shared type');
		}
		if (known) {
			const path = pathOfDocItem(known);
			return path ? { path, isNew: false, parentIsNew: false } : null;
		}
		if (fromUpdate) {
			const path = pathOfUpdateItem(fromUpdate, depth);
			return path ? { path, isNew: true, parentIsNew: sibling ? newParent.has(fromUpdate) : true } : null;
		}
		return null;
	};

	const touches: Touch[] = [];
	let unresolved = 0;
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue; // GC and Skip structs carry no content
		if (Y.getState(doc.store, s.id.client) >= s.id.clock + s.length) continue; // already integrated
		const path = pathOfUpdateItem(s, 0);
		if (!path) unresolved++;
		touches.push({ kind: 'insert', path, item: s, parentIsNew: newParent.has(s) });
	}

	ds.clients.forEach((ranges, client) => {
		const structsOfClient = doc.store.clients.get(client);
		for (const r of ranges) {
			const end = r.clock + r.len;
			if (structsOfClient && Y.getState(doc.store, client) > r.clock) {
				let i = Y.findIndexSS(structsOfClient, r.clock);
				for (; i < structsOfClient.length && structsOfClient[i].id.clock < end; i++) {
					const it = structsOfClient[i];
					if (!(it instanceof Y.Item) || it.deleted) continue;
					touches.push({ kind: 'delete', path: pathOfDocItem(it), item: it, parentIsNew: false });
				}
			}
			// Deletions of items that only exist in this same update are covered by their insert.
		}
	});
	return { touches, unresolved };
}

/** The key of path segment i, or null when it is an element or missing. */
export function keyAt(path: Segment[], i: number): string | null {
	const s = path[i];
	return s && 'key' in s ? s.key : null;
}
