/**
 * Automatic list numbering. Word draws the markers of numbered paragraphs ("I.", "1.", "a)", "-")
 * from word/numbering.xml; they are not in the paragraph's text, yet the plan parser reads the
 * document's structure from them (parts, duties, lettered items, a table's STT). This reads the
 * list definitions (and the lists attached to paragraph styles) and counts as Word does, so each
 * numbered paragraph gets the marker a reader sees.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

interface ListLevel {
	start: number;
	format: string;
	/** "%1.", "%1.%2", "%3)": which counters are shown and how. */
	text: string;
}

interface ListInstance {
	abstractId: string;
	/** Levels whose count starts anew for this list (w:startOverride). */
	startOverrides: Map<number, number>;
}

export interface ParagraphList {
	numId: string | null;
	ilvl: number | null;
	style: string | null;
}

const WORD_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);

export class ListNumbering {
	private abstracts = new Map<string, Map<number, ListLevel>>();
	private instances = new Map<string, ListInstance>();
	/** Paragraph style → its list (a "Heading 1" numbered I., II., …), following basedOn. */
	private styleLists = new Map<string, { numId: string | null; ilvl: number | null; basedOn: string | null }>();
	/** Counters per list definition: lists sharing a definition continue each other, as in Word. */
	private counters = new Map<string, number[]>();
	private started = new Set<string>();

	constructor(numberingXml?: Uint8Array, stylesXml?: Uint8Array) {
		if (numberingXml) this.readNumbering(numberingXml);
		if (stylesXml) this.readStyles(stylesXml);
	}

	/** The marker Word draws before this paragraph, or null when it is not numbered. Call in document order. */
	marker(p: ParagraphList): string | null {
		const style = p.style ? this.styleList(p.style) : { numId: null, ilvl: null };
		const numId = p.numId ?? style.numId;
		const ilvl = p.ilvl ?? style.ilvl ?? 0;
		if (!numId || numId === '0') return null;
		const instance = this.instances.get(numId);
		const levels = instance && this.abstracts.get(instance.abstractId);
		const level = levels?.get(ilvl);
		if (!instance || !levels || !level) return null;
		const counts = this.counters.get(instance.abstractId) ?? [];
		if (!this.started.has(numId)) {
			this.started.add(numId);
			for (const [l, start] of instance.startOverrides) counts[l] = start - 1;
		}
		counts[ilvl] = (counts[ilvl] ?? level.start - 1) + 1;
		counts.length = ilvl + 1; // deeper levels start again under a new item
		this.counters.set(instance.abstractId, counts);
		if (level.format === 'bullet') return '-';
		const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
			const l = Number(k) - 1;
			const lvl = levels.get(l);
			return format(counts[l] ?? lvl?.start ?? 1, lvl?.format ?? 'decimal');
		});
		return text.trim() || null;
	}

	private styleList(styleId: string, seen = new Set<string>()): { numId: string | null; ilvl: number | null } {
		const s = this.styleLists.get(styleId);
		if (!s || seen.has(styleId)) return { numId: null, ilvl: null };
		seen.add(styleId);
		const base = s.basedOn ? this.styleList(s.basedOn, seen) : { numId: null, ilvl: null };
		return { numId: s.numId ?? base.numId, ilvl: s.ilvl ?? base.ilvl };
	}

	private readNumbering(xml: Uint8Array): void {
		let abstractId: string | null = null;
		let level: { ilvl: number; def: ListLevel } | null = null;
		let instance: { numId: string; def: ListInstance } | null = null;
		let overrideLevel: number | null = null;
		walk(xml, (name, val, attrs) => {
			switch (name) {
				case 'abstractNum':
					abstractId = attrs('abstractNumId');
					if (abstractId) this.abstracts.set(abstractId, new Map());
					break;
				case 'lvl':
					if (abstractId !== null) {
						level = { ilvl: Number(attrs('ilvl') ?? 0), def: { start: 1, format: 'decimal', text: '' } };
						this.abstracts.get(abstractId)?.set(level.ilvl, level.def);
					}
					break;
				case 'start':
					if (level) level.def.start = Number(val ?? 1);
					break;
				case 'numFmt':
					if (level) level.def.format = val ?? 'decimal';
					break;
				case 'lvlText':
					if (level) level.def.text = val ?? '';
					break;
				case 'num':
					abstractId = null;
					level = null;
					instance = { numId: attrs('numId') ?? '', def: { abstractId: '', startOverrides: new Map() } };
					this.instances.set(instance.numId, instance.def);
					break;
				case 'abstractNumId':
					if (instance) instance.def.abstractId = val ?? '';
					break;
				case 'lvlOverride':
					overrideLevel = Number(attrs('ilvl') ?? 0);
					break;
				case 'startOverride':
					if (instance && overrideLevel !== null) instance.def.startOverrides.set(overrideLevel, Number(val ?? 1));
					break;
			}
		});
	}

	private readStyles(xml: Uint8Array): void {
		let current: { numId: string | null; ilvl: number | null; basedOn: string | null } | null = null;
		walk(xml, (name, val, attrs) => {
			if (name === 'style') {
				current = { numId: null, ilvl: null, basedOn: null };
				const id = attrs('styleId');
				if (id) this.styleLists.set(id, current);
			} else if (current && name === 'basedOn') current.basedOn = val;
			else if (current && name === 'numId') current.numId = val;
			else if (current && name === 'ilvl') current.ilvl = Number(val ?? 0);
		});
	}
}

/** Each Word element in order: its local name, its w:val, and a reader of its other attributes. */
function walk(xml: Uint8Array, visit: (name: string, val: string | null, attrs: (local: string) => string | null) => void): void {
	const parser = new SaxesParser({ xmlns: true });
	parser.on('opentag', (tag: SaxesTagNS) => {
		if (!WORD_NS.has(tag.uri)) return;
		const attrs = (local: string) => {
			for (const a of Object.values(tag.attributes)) if (a.local === local) return a.value;
			return null;
		};
		visit(tag.local, attrs('val'), attrs);
	});
	try {
		parser.write(new TextDecoder('utf-8').decode(xml)).close();
	} catch {
		// Damaged list definitions: the paragraphs are still read, without their markers.
	}
}

function format(n: number, fmt: string): string {
	switch (fmt) {
		case 'upperRoman':
			return roman(n);
		case 'lowerRoman':
			return roman(n).toLowerCase();
		case 'upperLetter':
			return letter(n).toUpperCase();
		case 'lowerLetter':
			return letter(n);
		case 'decimalZero':
			return String(n).padStart(2, '0');
		case 'none':
			return '';
		default:
			return String(n);
	}
}

function roman(n: number): string {
	const parts: Array<[number, string]> = [
		[1000, 'M'],
		[900, 'CM'],
		[500, 'D'],
		[400, 'CD'],
		[100, 'C'],
		[90, 'XC'],
		[50, 'L'],
		[40, 'XL'],
		[10, 'X'],
		[9, 'IX'],
		[5, 'V'],
		[4, 'IV'],
		[1, 'I']
	];
	let out = '';
	for (const [v, s] of parts) while (n >= v) ((out += s), (n -= v));
	return out;
}

/** a … z, then aa, bb … as Word counts letters. */
function letter(n: number): string {
	if (n < 1) return '';
	const ch = String.fromCharCode(97 + ((n - 1) % 26));
	return ch.repeat(Math.floor((n - 1) / 26) + 1);
}
