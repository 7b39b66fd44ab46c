/**
 * The structural half of the acceptance rules: reads an incoming Yjs update without applying it and
 * decides whether Yjs would integrate it completely, exactly as written, right now — and where each new
 * item and each deletion lands in the board document (a path from a root type: "cards", cardId,
 * "status"). What may be written at those places is the guard's business (document-guard.ts).
 *
 * Refused here:
 * - structs written under a client id that belongs to another user on this board;
 * - structs overlapping a client's existing clocks (Yjs would integrate only their tail, elsewhere than
 *   declared), gaps in a client's clocks, Skip structs, a client listed twice;
 * - references (origin, right origin, parent) to items neither in the document nor in the update, to a
 *   later clock of the same client, or cycles: anything that would leave pending structs;
 * - an item whose neighbours sit in another type or under another key than its declared parent;
 * - delete ranges beyond what exists (Yjs would keep them pending and erase future edits);
 * - paths deeper than the document's deepest slot, too many structs or deletions.
 *
 * The cost is proportional to the update (lookups are binary searches in the struct store) and to the
 * depth of the document's schema, never to the size of the board.
 */
import * as Y from 'yjs';
import type { UpdateRule } from '../../src/lib/core/sync-refusal-codes.js';

/** One segment of a path: a map key, or an array/text element (the item that holds it). */
export type Segment = { key: string } | { element: Y.ID };

export interface Limits {
	/** Structs (items and GC ranges) in one update. */
	maxStructs: number;
	/** Existing items one update may delete. */
	maxDeletes: number;
	/** New client ids one user may bind on one board in 24 hours (each page load is one). */
	maxClientsPerUser: number;
}

export const DEFAULT_LIMITS: Limits = { maxStructs: 20_000, maxDeletes: 20_000, maxClientsPerUser: 1_000 };

/** Path segments of the deepest slot of the document (cards/<id>/comments/<element>/<key>). */
export const MAX_PATH = 5;

export type ContentKind =
	| { kind: 'map' }
	| { kind: 'text' }
	| { kind: 'array' }
	| { kind: 'values'; values: unknown[] }
	| { kind: 'string'; text: string }
	| { kind: 'deleted' };

export interface NewItem {
	item: Y.Item;
	path: Segment[];
	content: ContentKind;
	/** The type this item sits in was created by this same update. */
	parentIsNew: boolean;
	/** The item holding the type this item sits in (null for a root type). */
	parentItem: Y.Item | null;
}

export interface Deletion {
	item: Y.Item;
	path: Segment[];
	/** An ancestor is deleted by the same update (the deletion follows from that one). */
	cascade: boolean;
}

export interface UpdateStructure {
	inserts: NewItem[];
	deletes: Deletion[];
	/** Client ids the update writes under that nobody owns yet (bound to the sender if accepted). */
	newClients: number[];
}

/**
 * An update that decodes but breaks a structural rule; `code` names the rule (the list is in
 * src/lib/core/sync-refusal-codes.ts, sent as `update_invalid:<rule>`; docs/sync.md), the message
 * says more for logs and tests.
 */
export class RefusedUpdate extends Error {
	constructor(
		readonly code: UpdateRule,
		message: string
	) {
		super(message);
	}
}

const refuse = (code: UpdateRule, message: string): never => {
	throw new RefusedUpdate(code, message);
};

export interface Sender {
	userId: string;
	/** Owner of each client id on the board. */
	owners: ReadonlyMap<number, string>;
	/** Client ids the sender bound lately (for the cap). */
	ownedCount: number;
}

/** Where an item sits: its parent type (by a stable key) and its map key. */
interface Placement {
	/** `r:<root name>` or `i:<client>:<clock>` of the item holding the parent type; null when Yjs would drop the item. */
	parent: string | null;
	parentSub: string | null;
	path: Segment[] | null;
	parentIsNew: boolean;
	parentItem: Y.Item | null;
}

const DROPPED: Placement = { parent: null, parentSub: null, path: null, parentIsNew: false, parentItem: null };

function idKey(id: Y.ID): string {
	return `i:${id.client}:${id.clock}`;
}

function contentKind(item: Y.Item): ContentKind | null {
	const c = item.content;
	if (c instanceof Y.ContentType) {
		if (c.type instanceof Y.Map) return { kind: 'map' };
		if (c.type instanceof Y.Text) return { kind: 'text' };
		if (c.type instanceof Y.Array) return { kind: 'array' };
		return null; // XML types and anything else the board has no place for
	}
	if (c instanceof Y.ContentAny) return { kind: 'values', values: c.getContent() };
	if (c instanceof Y.ContentString) return { kind: 'string', text: c.str };
	if (c instanceof Y.ContentDeleted) return { kind: 'deleted' };
	return null; // JSON (legacy), binary, embeds, formats, sub-documents
}

/** The root type's name, or the item holding the type, for an integrated type. */
function typeKey(type: Y.AbstractType<unknown>): string | null {
	if (type._item) return idKey(type._item.id);
	try {
		return `r:${Y.findRootTypeKey(type)}`;
	} catch {
		return null;
	}
}

/** Path of the slot held by an integrated item (null past MAX_PATH or when detached). */
export function pathOfDocItem(item: Y.Item): Segment[] | null {
	const segments: Segment[] = [];
	let it: Y.Item | null = item;
	while (it) {
		if (segments.length >= MAX_PATH) return null;
		segments.push(it.parentSub !== null ? { key: it.parentSub } : { element: it.id });
		const parent = it.parent as Y.AbstractType<unknown> | null;
		if (!(parent instanceof Y.AbstractType)) return null;
		if (parent._item === null) {
			const key = typeKey(parent);
			if (!key) return null;
			segments.push({ key: key.slice(2) });
			break;
		}
		it = parent._item;
	}
	return segments.reverse();
}

class NewStructIndex {
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

/** The integrated struct holding this id, or null when the document has not seen that clock. */
function docStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.AbstractStruct | null {
	if (Y.getState(doc.store, id.client) <= id.clock) return null;
	return Y.getItem(doc.store, id) as Y.Item | Y.AbstractStruct;
}

/** Placement of an integrated item: where it sits, or DROPPED for a GC range. */
function placementOfDocStruct(s: Y.Item | Y.AbstractStruct): Placement {
	if (!(s instanceof Y.Item)) return DROPPED;
	const parent = s.parent as Y.AbstractType<unknown> | null;
	if (!(parent instanceof Y.AbstractType)) return DROPPED;
	const key = typeKey(parent);
	return { parent: key, parentSub: s.parentSub, path: pathOfDocItem(s), parentIsNew: false, parentItem: parent._item };
}

export function analyzeUpdate(doc: Y.Doc, update: Uint8Array, sender: Sender, limits: Limits = DEFAULT_LIMITS): UpdateStructure {
	const { structs, ds } = Y.decodeUpdate(update);
	if (structs.length > limits.maxStructs) refuse('too_many_structs', `more than ${limits.maxStructs} structs`);

	// Clocks: per client, the new structs continue exactly where the document's state ends.
	const index = new NewStructIndex();
	const newStructs: (Y.Item | Y.AbstractStruct)[] = [];
	const next = new Map<number, number>();
	const clientsDone = new Set<number>();
	let current: number | null = null;
	for (const s of structs) {
		const client = s.id.client;
		if (client !== current) {
			if (clientsDone.has(client)) refuse('client_repeated', 'a client is listed twice');
			if (current !== null) clientsDone.add(current);
			current = client;
		}
		if (s instanceof Y.Skip) refuse('gap', 'the update has a gap in its history');
		const state = Y.getState(doc.store, client);
		const expected = next.get(client) ?? state;
		const end = s.id.clock + s.length;
		if (s.length <= 0) refuse('malformed', 'an empty struct');
		if (end <= state && !next.has(client)) continue; // known already: Yjs skips it
		if (s.id.clock < expected) refuse('overlap', 'structs overlap clocks the board already has');
		if (s.id.clock > expected) refuse('pending', 'the update depends on changes the board does not have');
		next.set(client, end);
		newStructs.push(s);
		if (s instanceof Y.Item) index.add(s);
	}

	// Ownership: every client id written under is the sender's, or nobody's yet.
	const newClients: number[] = [];
	for (const client of next.keys()) {
		const owner = sender.owners.get(client);
		if (owner === undefined) newClients.push(client);
		else if (owner !== sender.userId) refuse('foreign_client', 'the update is written under another user’s client id');
	}
	if (newClients.length > 0 && sender.ownedCount + newClients.length > limits.maxClientsPerUser) {
		refuse('too_many_clients', `more than ${limits.maxClientsPerUser} new client ids for one user on a board in a day`);
	}

	// References and placement, resolved once per new item (memoized; cycles refused).
	const placements = new Map<Y.Item, Placement>();
	const resolving = new Set<Y.Item>();

	/** The struct behind a reference: integrated, or new in this update (resolved first). */
	const target = (ref: Y.ID, from: Y.Item): { struct: Y.Item | Y.AbstractStruct; isNew: boolean } => {
		if (ref.client === from.id.client && ref.clock >= from.id.clock) refuse('pending', 'an item refers to a later clock of its own client');
		const known = docStruct(doc, ref);
		if (known) return { struct: known, isNew: false };
		const fresh = index.find(ref);
		if (!fresh) refuse('pending', 'an item refers to a change the board does not have');
		return { struct: fresh!, isNew: true };
	};

	/** New items an item refers to (neighbours, parent): they must be placed first. */
	const newDeps = (item: Y.Item): Y.Item[] => {
		const out: Y.Item[] = [];
		for (const ref of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
			if (!ref) continue;
			const t = target(ref, item);
			if (t.isNew && t.struct instanceof Y.Item) out.push(t.struct);
		}
		return out;
	};

	/**
	 * Places an item after everything it refers to, without recursion: a chain of neighbours can be as
	 * long as the update (offline typing), and a hostile one must not reach the stack's limit.
	 */
	const placementOf = (item: Y.Item): Placement => {
		const stack: Y.Item[] = [item];
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			if (placements.has(top)) {
				stack.pop();
				continue;
			}
			const waiting = newDeps(top).filter((d) => !placements.has(d));
			if (waiting.length > 0) {
				for (const d of waiting) if (resolving.has(d) || d === top) refuse('pending', 'items refer to each other in a cycle');
				resolving.add(top);
				stack.push(...waiting);
				continue;
			}
			placements.set(top, computePlacement(top));
			resolving.delete(top);
			stack.pop();
		}
		return placements.get(item)!;
	};

	const placementOfRef = (ref: Y.ID, from: Y.Item): Placement => {
		const t = target(ref, from);
		if (!t.isNew) return placementOfDocStruct(t.struct);
		return t.struct instanceof Y.Item ? placements.get(t.struct)! : DROPPED;
	};

	const computePlacement = (item: Y.Item): Placement => {
		const left = item.origin ? placementOfRef(item.origin, item) : null;
		const right = item.rightOrigin ? placementOfRef(item.rightOrigin, item) : null;
		const leftIsGc = item.origin !== null && left!.parent === null;
		const rightIsGc = item.rightOrigin !== null && right!.parent === null;
		// Yjs drops an item next to a garbage-collected neighbour: it changes nothing.
		if (leftIsGc || rightIsGc) return DROPPED;

		let own: Placement;
		const declared = item.parent as unknown;
		if (typeof declared === 'string') {
			own = { parent: `r:${declared}`, parentSub: item.parentSub, path: [{ key: declared }], parentIsNew: false, parentItem: null };
		} else if (declared instanceof Y.ID) {
			const t = target(declared, item);
			const holder = t.struct;
			if (!(holder instanceof Y.Item)) return DROPPED; // parent garbage-collected
			if (holder.content instanceof Y.ContentDeleted) return DROPPED; // parent deleted
			if (!(holder.content instanceof Y.ContentType)) refuse('malformed', 'an item names a parent that is not a shared type');
			const up = t.isNew ? placements.get(holder)! : placementOfDocStruct(holder);
			if (up.parent === null) return DROPPED;
			if (!up.path) refuse('too_deep', 'nesting deeper than the board document allows');
			own = {
				parent: idKey(holder.id),
				parentSub: item.parentSub,
				path: up.path!,
				parentIsNew: t.isNew,
				parentItem: holder
			};
		} else {
			// No parent written: Yjs takes the left neighbour's, else the right one's.
			const from = left ?? right;
			if (!from) refuse('malformed', 'an item with neither parent nor neighbours');
			own = { ...from!, path: from!.path ? from!.path.slice(0, -1) : null };
		}
		// The neighbours must sit where the item says it sits, or Yjs links it into another type's list.
		for (const n of [left, right]) {
			if (n && (n.parent !== own.parent || n.parentSub !== own.parentSub)) {
				refuse('misplaced', 'an item’s neighbours are in another place than its parent');
			}
		}
		if (!own.path) refuse('too_deep', 'nesting deeper than the board document allows');
		const path: Segment[] = [...own.path!, own.parentSub !== null ? { key: own.parentSub } : { element: item.id }];
		if (path.length > MAX_PATH) refuse('too_deep', 'nesting deeper than the board document allows');
		return { ...own, path };
	};

	const inserts: NewItem[] = [];
	for (const s of newStructs) {
		if (!(s instanceof Y.Item)) continue; // a GC range: clocks with no content
		const p = placementOf(s);
		if (p.parent === null || !p.path) continue; // Yjs drops it
		const content = contentKind(s);
		if (!content) refuse('content_type', 'content of a kind the board document has no place for');
		inserts.push({ item: s, path: p.path, content: content!, parentIsNew: p.parentIsNew, parentItem: p.parentItem });
	}

	// Deletions: only of what exists (integrated, or new in this update), each located.
	const deleted: Y.Item[] = [];
	ds.clients.forEach((ranges, client) => {
		const state = Y.getState(doc.store, client);
		const end = next.get(client) ?? state;
		const structsOfClient = doc.store.clients.get(client);
		for (const r of ranges) {
			if (r.len <= 0) continue;
			if (r.clock + r.len > end) refuse('future_delete', 'a deletion aims at changes that do not exist yet');
			if (!structsOfClient || r.clock >= state) continue; // only items new in this update: their insert is checked
			const stop = Math.min(r.clock + r.len, state);
			for (let i = Y.findIndexSS(structsOfClient, r.clock); i < structsOfClient.length && structsOfClient[i].id.clock < stop; i++) {
				const it = structsOfClient[i];
				if (!(it instanceof Y.Item) || it.deleted) continue;
				deleted.push(it);
				if (deleted.length > limits.maxDeletes) refuse('too_many_deletes', `more than ${limits.maxDeletes} deletions`);
			}
		}
	});
	const deletedSet = new Set(deleted);
	const deletes: Deletion[] = deleted.map((item) => {
		let cascade = false;
		for (let p = (item.parent as Y.AbstractType<unknown> | null)?._item ?? null; p; p = (p.parent as Y.AbstractType<unknown>)?._item ?? null) {
			if (deletedSet.has(p) || p.deleted) {
				cascade = true;
				break;
			}
		}
		const path = pathOfDocItem(item);
		if (!path) refuse('too_deep', 'a deletion in a place the board document does not have');
		return { item, path: path!, cascade };
	});

	return { inserts, deletes, newClients };
}

/** The key of path segment i, or null when it is an element or missing. */
export function keyAt(path: Segment[], i: number): string | null {
	const s = path[i];
	return s && 'key' in s ? s.key : null;
}
