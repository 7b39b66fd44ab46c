/**
 * A plain-object mirror of a board Y.Doc for rendering. Each card becomes a frozen CardView that is
 * rebuilt only when something inside that card changes; unchanged cards keep their object, so a
 * keyed list re-renders only the cards that changed (a keystroke in one card's result touches one
 * card, not 500).
 */
import * as Y from 'yjs';
import { cardsMap, labelsMap, metaMap, readCard, readLabels, readMeta, readSections, sectionsMap } from '../core/board-doc.js';
import type { BoardMeta, CardData, LabelData, SectionData } from '../core/board-types.js';
import { cardSearchText } from '../core/search.js';

export interface CardView extends CardData {
	commentCount: number;
	attachmentCount: number;
	/** Folded text searched by the board's search box (see core/search.ts). */
	searchText: string;
}

export interface MirrorSnapshot {
	meta: BoardMeta;
	sections: SectionData[];
	cards: CardView[];
	/** The board's labels, by name (schema version 3). */
	labels: LabelData[];
}

export interface MirrorOptions {
	/** Agency names, so a search for "so tai chinh" finds the cards Sở Tài chính works on. */
	agencyName?: (id: string) => string | undefined;
	/** How a burst of changes is batched into one notification (default: a microtask). */
	schedule?: (flush: () => void) => void;
}

export function toCardView(card: CardData, agencyName?: (id: string) => string | undefined): CardView {
	return Object.freeze({
		...card,
		commentCount: card.comments.filter((c) => !c.deleted).length,
		attachmentCount: card.attachments.length,
		searchText: cardSearchText(card, agencyName)
	});
}

export class BoardMirror {
	private views = new Map<string, CardView>();
	private dirty = new Set<string>();
	private structureDirty = true;
	private scheduled = false;
	private listeners = new Set<(s: MirrorSnapshot) => void>();
	private snapshot: MirrorSnapshot;
	private schedule: (flush: () => void) => void;

	constructor(
		readonly doc: Y.Doc,
		private options: MirrorOptions = {}
	) {
		this.schedule = options.schedule ?? ((flush) => queueMicrotask(flush));
		cardsMap(doc).forEach((_c, id) => this.dirty.add(id));
		this.snapshot = this.build();
		cardsMap(doc).observeDeep(this.onCards);
		sectionsMap(doc).observeDeep(this.onStructure);
		labelsMap(doc).observeDeep(this.onStructure);
		metaMap(doc).observe(this.onStructure);
	}

	get current(): MirrorSnapshot {
		return this.snapshot;
	}

	/** Called with a new snapshot after each batch of changes; returns an unsubscribe function. */
	subscribe(listener: (s: MirrorSnapshot) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Rebuilds every card (e.g. when agency names arrive and search text must include them). */
	setAgencyName(agencyName: (id: string) => string | undefined): void {
		this.options.agencyName = agencyName;
		this.views.forEach((_v, id) => this.dirty.add(id));
		this.request();
	}

	/** Applies pending changes now instead of at the scheduled time (tests, benchmarks). */
	flush(): MirrorSnapshot {
		if (this.dirty.size > 0 || this.structureDirty) {
			this.snapshot = this.build();
			for (const l of this.listeners) l(this.snapshot);
		}
		this.scheduled = false;
		return this.snapshot;
	}

	destroy(): void {
		cardsMap(this.doc).unobserveDeep(this.onCards);
		sectionsMap(this.doc).unobserveDeep(this.onStructure);
		labelsMap(this.doc).unobserveDeep(this.onStructure);
		metaMap(this.doc).unobserve(this.onStructure);
		this.listeners.clear();
	}

	private onCards = (events: Y.YEvent<any>[]) => {
		const root = cardsMap(this.doc);
		for (const e of events) {
			if (e.target === root) {
				for (const key of (e as Y.YMapEvent<unknown>).keysChanged) this.dirty.add(key);
			} else {
				const id = e.path[0];
				if (typeof id === 'string') this.dirty.add(id);
			}
		}
		this.request();
	};

	private onStructure = () => {
		this.structureDirty = true;
		this.request();
	};

	private request() {
		if (this.scheduled) return;
		this.scheduled = true;
		this.schedule(() => {
			if (this.scheduled) this.flush();
		});
	}

	private build(): MirrorSnapshot {
		const root = cardsMap(this.doc);
		for (const id of this.dirty) {
			const m = root.get(id);
			if (m instanceof Y.Map) this.views.set(id, toCardView(readCard(id, m), this.options.agencyName));
			else this.views.delete(id);
		}
		const cardsChanged = this.dirty.size > 0;
		this.dirty.clear();
		const prev = this.snapshot as MirrorSnapshot | undefined;
		const structure = this.structureDirty || !prev;
		this.structureDirty = false;
		return {
			meta: structure ? readMeta(this.doc) : prev.meta,
			sections: structure ? readSections(this.doc) : prev.sections,
			labels: structure ? readLabels(this.doc) : prev.labels,
			cards: cardsChanged || !prev ? [...this.views.values()] : prev.cards
		};
	}
}
