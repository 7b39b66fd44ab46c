/**
 * Tables drawn with borders, rebuilt from the page's lines: borders that touch form one table;
 * its column edges are the x of its vertical borders, its row edges the y of its horizontal
 * ones. A cell spans columns where a vertical border is missing inside a row, and rows where a
 * horizontal border is missing below it (merged cells). A table cut by the page's end has no
 * bottom border: its last row runs to where its vertical borders stop.
 */
import type { PageContent, Rule } from './page-content.js';

export interface RuledCell {
	col: number;
	colspan: number;
	rowspan: number;
	/** The cell's box. */
	left: number;
	right: number;
	top: number;
	bottom: number;
}

export interface RuledTable {
	top: number;
	bottom: number;
	left: number;
	right: number;
	columns: number[];
	/** Row edges, top to bottom. */
	rows: number[];
	/** Cells starting in each row. */
	cells: RuledCell[][];
	/** No border closes the table at the top / bottom: the page cut it. */
	openTop: boolean;
	openBottom: boolean;
}

/** Borders closer than this are one border (double lines, rounding). */
const SNAP = 2;
/** Tables a page can hold; more is a drawing. */
const MAX_TABLES = 50;
/** Borders on one page past which it is a drawing, not a plan's table. */
const MAX_RULES = 5000;
const MAX_COLUMNS = 64;
const MAX_ROWS = 500;

export function findRuledTables(page: PageContent, columnHint: number[] | null = null): RuledTable[] {
	const horizontal = mergeRules(page.horizontal);
	const vertical = mergeRules(page.vertical);
	if (horizontal.length + vertical.length > MAX_RULES) return [];
	const groups = touchingGroups(horizontal, vertical);
	const tables: RuledTable[] = [];
	for (const group of groups.slice(0, MAX_TABLES)) {
		const table = tableOf(group.h, group.v, columnHint);
		if (table) tables.push(table);
	}
	return tables.sort((a, b) => a.top - b.top);
}

/** Collinear borders that overlap or touch become one. */
function mergeRules(rules: Rule[]): Rule[] {
	const sorted = [...rules].sort((p, q) => p.at - q.at || p.a - q.a);
	const out: Rule[] = [];
	for (const r of sorted) {
		let same: Rule | undefined;
		// Sorted by position: a border to join is among the last few.
		for (let k = out.length - 1; k >= Math.max(0, out.length - 8); k--) {
			if (Math.abs(out[k].at - r.at) <= SNAP / 2 && r.a <= out[k].b + SNAP) {
				same = out[k];
				break;
			}
		}
		if (same) {
			same.b = Math.max(same.b, r.b);
			same.a = Math.min(same.a, r.a);
		} else out.push({ ...r });
	}
	return out;
}

/** Horizontal and vertical borders grouped by whether they cross or touch. */
function touchingGroups(h: Rule[], v: Rule[]): Array<{ h: Rule[]; v: Rule[] }> {
	const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) i = parent[i] = parent[parent[i]];
		return i;
	};
	// Sweep: a vertical border can only touch horizontal ones within its y range.
	const byY = h.map((r, i) => ({ r, i })).sort((p, q) => p.r.at - q.r.at);
	v.forEach((vr, j) => {
		let lo = 0;
		let hi = byY.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (byY[mid].r.at < vr.a - SNAP) lo = mid + 1;
			else hi = mid;
		}
		for (let k = lo; k < byY.length && byY[k].r.at <= vr.b + SNAP; k++) {
			const hr = byY[k].r;
			if (vr.at >= hr.a - SNAP && vr.at <= hr.b + SNAP) parent[find(h.length + j)] = find(byY[k].i);
		}
	});
	const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
	const group = (i: number) => {
		const root = find(i);
		if (!groups.has(root)) groups.set(root, { h: [], v: [] });
		return groups.get(root)!;
	};
	h.forEach((r, i) => group(i).h.push(r));
	v.forEach((r, j) => group(h.length + j).v.push(r));
	return [...groups.values()].filter((g) => g.v.length >= 2 && g.h.length >= 1);
}

function tableOf(h: Rule[], v: Rule[], columnHint: number[] | null): RuledTable | null {
	let columns = cluster(v.map((r) => r.at));
	if (columns.length < 2 || columns.length > MAX_COLUMNS + 1) return null;
	// A page's part of a table continued from the page before keeps that table's columns.
	if (columnHint && fitsHint(columns, columnHint)) columns = columnHint;
	const left = columns[0];
	const right = columns[columns.length - 1];
	const spanning = h.filter((r) => r.b - r.a >= SNAP);
	const rows = cluster(spanning.map((r) => r.at));
	const vTop = Math.min(...v.map((r) => r.a));
	const vBottom = Math.max(...v.map((r) => r.b));
	const openTop = !rows.length || vTop < rows[0] - SNAP * 2;
	const openBottom = !rows.length || vBottom > rows[rows.length - 1] + SNAP * 2;
	if (openTop) rows.unshift(vTop);
	if (openBottom) rows.push(vBottom);
	if (rows.length < 2 || rows.length > MAX_ROWS + 1) return null;

	// Borders by the edge they lie on, so that each check looks at a few borders only.
	const atColumn = columns.map((x) => v.filter((r) => Math.abs(r.at - x) <= SNAP));
	const atRow = rows.map((y) => h.filter((r) => Math.abs(r.at - y) <= SNAP));
	const hasVertical = (c: number, y1: number, y2: number) => atColumn[c].some((r) => r.a <= y1 + SNAP && r.b >= y2 - SNAP);
	const hasHorizontal = (r0: number, x1: number, x2: number) => atRow[r0].some((r) => r.a <= x1 + SNAP && r.b >= x2 - SNAP);
	const covered = new Set<string>();
	const cells: RuledCell[][] = [];
	for (let r = 0; r + 1 < rows.length; r++) {
		const rowCells: RuledCell[] = [];
		for (let c = 0; c + 1 < columns.length; c++) {
			if (covered.has(`${r}:${c}`)) continue;
			let colspan = 1;
			while (c + colspan + 1 < columns.length && !hasVertical(c + colspan, rows[r], rows[r + 1])) colspan++;
			let rowspan = 1;
			while (r + rowspan + 1 < rows.length && !hasHorizontal(r + rowspan, columns[c], columns[c + colspan])) rowspan++;
			for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) covered.add(`${r + dr}:${c + dc}`);
			rowCells.push({ col: c, colspan, rowspan, left: columns[c], right: columns[c + colspan], top: rows[r], bottom: rows[r + rowspan] });
			c += colspan - 1;
		}
		cells.push(rowCells);
	}
	return { top: rows[0], bottom: rows[rows.length - 1], left, right, columns, rows, cells, openTop, openBottom };
}

/** Each edge found lies on an edge of the hint, and the outer edges agree. */
function fitsHint(columns: number[], hint: number[]): boolean {
	const near = (x: number) => hint.some((y) => Math.abs(x - y) <= SNAP * 1.5);
	return (
		Math.abs(columns[0] - hint[0]) <= SNAP * 1.5 && Math.abs(columns[columns.length - 1] - hint[hint.length - 1]) <= SNAP * 1.5 && columns.every(near)
	);
}

/** Sorted values, those within SNAP of each other made one (their mean). */
function cluster(values: number[]): number[] {
	const sorted = [...values].sort((a, b) => a - b);
	const out: number[][] = [];
	for (const x of sorted) {
		const last = out[out.length - 1];
		if (last && x - last[last.length - 1] <= SNAP) last.push(x);
		else out.push([x]);
	}
	return out.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}
