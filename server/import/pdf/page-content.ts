/**
 * What one PDF page holds for the importer: its text runs with their position and size, the
 * straight lines that draw table borders (thin filled rectangles, as Chromium and Word print them,
 * or stroked lines and boxes), and whether it paints images. Coordinates are in points from the
 * page's top-left corner, y growing downwards.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextRun {
	text: string;
	x: number;
	/** Baseline. */
	y: number;
	width: number;
	size: number;
}

/** A horizontal (`y`, from `a` to `b` along x) or vertical (`x`, from `a` to `b` along y) border. */
export interface Rule {
	at: number;
	a: number;
	b: number;
}

export interface PageContent {
	no: number;
	width: number;
	height: number;
	runs: TextRun[];
	horizontal: Rule[];
	vertical: Rule[];
	images: number;
	/** The page's outermost clip (its printable area), top and bottom; null when it sets none. */
	clip: { top: number; bottom: number } | null;
}

/** A filled shape at most this thick is a border line. */
const MAX_RULE_THICKNESS = 3;
const MIN_RULE_LENGTH = 3;
/** Shapes read from one page; past this the page is drawing, not a table. */
const MAX_SHAPES = 200_000;

type Matrix = number[];

const FILLS = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const IMAGES = new Set(
	[
		OPS.paintImageXObject,
		OPS.paintInlineImageXObject,
		OPS.paintImageMaskXObject,
		OPS.paintImageXObjectRepeat,
		OPS.paintInlineImageXObjectGroup,
		OPS.paintImageMaskXObjectGroup,
		OPS.paintSolidColorImageMask,
		OPS.paintImageMaskXObjectRepeat
	].filter((n) => n !== undefined)
);

/** pdfjs's path commands in a constructPath's data. */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;

export async function readPageContent(page: PDFPageProxy, no: number): Promise<PageContent> {
	const [x0, y0, x1, y1] = page.view;
	const top = Math.max(y0, y1);
	const left = Math.min(x0, x1);
	const content: PageContent = {
		no,
		width: Math.abs(x1 - x0),
		height: Math.abs(y1 - y0),
		runs: [],
		horizontal: [],
		vertical: [],
		images: 0,
		clip: null
	};

	const text = await page.getTextContent();
	for (const item of text.items) {
		if (!('str' in item) || !item.str) continue;
		const [a, b, c, d, e, f] = item.transform as number[];
		// Rotated text (a stamp, a watermark, a margin note) is not part of the plan's text flow.
		if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01 || a <= 0 || d <= 0) continue;
		content.runs.push({ text: item.str, x: e - left, y: top - f, width: item.width, size: Math.abs(d) || item.height || 10 });
	}

	const ops = await page.getOperatorList();
	let ctm: Matrix = [1, 0, 0, 1, 0, 0];
	const stack: Matrix[] = [];
	let shapes = 0;
	let clipping = false;
	const toPage = (x: number, y: number) => {
		const px = ctm[0] * x + ctm[2] * y + ctm[4];
		const py = ctm[1] * x + ctm[3] * y + ctm[5];
		return [px - left, top - py] as const;
	};
	for (let i = 0; i < ops.fnArray.length && shapes < MAX_SHAPES; i++) {
		const fn = ops.fnArray[i];
		const args = ops.argsArray[i] as unknown[] | null;
		if (fn === OPS.save) stack.push(ctm);
		else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
		else if (fn === OPS.transform && Array.isArray(args) && args.length === 6) ctm = multiply(ctm, args as number[]);
		else if (fn === OPS.paintFormXObjectBegin) {
			stack.push(ctm);
			const m = Array.isArray(args) ? args[0] : null;
			if (isMatrix(m)) ctm = multiply(ctm, Array.from(m));
		} else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
		else if (IMAGES.has(fn)) content.images++;
		else if (fn === OPS.clip || fn === OPS.eoClip) clipping = stack.length <= 2 && !content.clip;
		else if (fn === OPS.constructPath && Array.isArray(args)) {
			shapes++;
			const paint = args[0] as number;
			const data = Array.isArray(args[1]) ? (args[1][0] as ArrayLike<number> | null) : null;
			if (!data || typeof data.length !== 'number') continue;
			if (clipping) {
				clipping = false;
				content.clip = verticalExtent(data, toPage);
			}
			if (FILLS.has(paint)) addFilled(content, data, toPage);
			if (STROKES.has(paint)) addStroked(content, data, toPage);
		}
	}
	return content;
}

/** The matrix that applies `m` first, then `ctm` (PDF's `cm`). */
function multiply(ctm: Matrix, m: number[]): Matrix {
	const [a, b, c, d, e, f] = ctm;
	return [a * m[0] + c * m[1], b * m[0] + d * m[1], a * m[2] + c * m[3], b * m[2] + d * m[3], a * m[4] + c * m[5] + e, b * m[4] + d * m[5] + f];
}

function isMatrix(m: unknown): m is ArrayLike<number> {
	return !!m && typeof (m as ArrayLike<number>).length === 'number' && (m as ArrayLike<number>).length === 6;
}

type ToPage = (x: number, y: number) => readonly [number, number];

function verticalExtent(data: ArrayLike<number>, toPage: ToPage): { top: number; bottom: number } | null {
	let top = Infinity;
	let bottom = -Infinity;
	forEachPoint(data, (x, y) => {
		const [, py] = toPage(x, y);
		top = Math.min(top, py);
		bottom = Math.max(bottom, py);
	});
	return Number.isFinite(top) && bottom - top > 10 ? { top, bottom } : null;
}

/** A thin filled shape is a border: its bounding box, if long and thin, gives the line. */
function addFilled(content: PageContent, data: ArrayLike<number>, toPage: ToPage): void {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	forEachPoint(data, (x, y) => {
		const [px, py] = toPage(x, y);
		minX = Math.min(minX, px);
		maxX = Math.max(maxX, px);
		minY = Math.min(minY, py);
		maxY = Math.max(maxY, py);
	});
	if (!Number.isFinite(minX)) return;
	const w = maxX - minX;
	const h = maxY - minY;
	if (h <= MAX_RULE_THICKNESS && w >= MIN_RULE_LENGTH) content.horizontal.push({ at: (minY + maxY) / 2, a: minX, b: maxX });
	else if (w <= MAX_RULE_THICKNESS && h >= MIN_RULE_LENGTH) content.vertical.push({ at: (minX + maxX) / 2, a: minY, b: maxY });
}

/** Each straight horizontal or vertical segment of a stroked path is a border. */
function addStroked(content: PageContent, data: ArrayLike<number>, toPage: ToPage): void {
	let start: readonly [number, number] | null = null;
	let at: readonly [number, number] | null = null;
	const segment = (p: readonly [number, number], q: readonly [number, number]) => {
		if (Math.abs(p[1] - q[1]) < 0.5 && Math.abs(p[0] - q[0]) >= MIN_RULE_LENGTH) {
			content.horizontal.push({ at: p[1], a: Math.min(p[0], q[0]), b: Math.max(p[0], q[0]) });
		} else if (Math.abs(p[0] - q[0]) < 0.5 && Math.abs(p[1] - q[1]) >= MIN_RULE_LENGTH) {
			content.vertical.push({ at: p[0], a: Math.min(p[1], q[1]), b: Math.max(p[1], q[1]) });
		}
	};
	for (let i = 0; i < data.length;) {
		const op = data[i];
		if (op === MOVE_TO) {
			at = start = toPage(data[i + 1], data[i + 2]);
			i += 3;
		} else if (op === LINE_TO) {
			const next = toPage(data[i + 1], data[i + 2]);
			if (at) segment(at, next);
			at = next;
			i += 3;
		} else if (op === CURVE_TO) {
			at = toPage(data[i + 5], data[i + 6]);
			i += 7;
		} else if (op === QUAD_TO) {
			at = toPage(data[i + 3], data[i + 4]);
			i += 5;
		} else if (op === CLOSE) {
			if (at && start) segment(at, start);
			at = start;
			i += 1;
		} else return;
	}
}

function forEachPoint(data: ArrayLike<number>, fn: (x: number, y: number) => void): void {
	for (let i = 0; i < data.length;) {
		const op = data[i];
		if (op === MOVE_TO || op === LINE_TO) {
			fn(data[i + 1], data[i + 2]);
			i += 3;
		} else if (op === CURVE_TO) {
			fn(data[i + 5], data[i + 6]);
			i += 7;
		} else if (op === QUAD_TO) {
			fn(data[i + 3], data[i + 4]);
			i += 5;
		} else if (op === CLOSE) i += 1;
		else return;
	}
}
