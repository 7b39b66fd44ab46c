/**
 * Pixel position of a character offset inside a <textarea>, measured with an off-screen copy that
 * has the textarea's font, padding and wrapping (textareas expose no caret geometry of their own).
 */
const COPIED = [
	'boxSizing',
	'width',
	'borderTopWidth',
	'borderRightWidth',
	'borderBottomWidth',
	'borderLeftWidth',
	'paddingTop',
	'paddingRight',
	'paddingBottom',
	'paddingLeft',
	'fontStyle',
	'fontVariant',
	'fontWeight',
	'fontStretch',
	'fontSize',
	'lineHeight',
	'fontFamily',
	'textAlign',
	'textTransform',
	'textIndent',
	'letterSpacing',
	'wordSpacing',
	'tabSize'
] as const;

export interface CaretPoint {
	top: number;
	left: number;
	height: number;
}

export function caretCoordinates(textarea: HTMLTextAreaElement, index: number): CaretPoint {
	const mirror = document.createElement('div');
	const style = getComputedStyle(textarea);
	for (const prop of COPIED) mirror.style[prop] = style[prop];
	mirror.style.position = 'absolute';
	mirror.style.visibility = 'hidden';
	mirror.style.top = '0';
	mirror.style.left = '-9999px';
	mirror.style.whiteSpace = 'pre-wrap';
	mirror.style.overflowWrap = 'break-word';
	mirror.style.overflow = 'hidden';
	mirror.style.height = 'auto';
	mirror.textContent = textarea.value.slice(0, index);
	const marker = document.createElement('span');
	// A zero-width character would collapse; the rest of the text keeps the wrapping as it is.
	marker.textContent = textarea.value.slice(index) || '.';
	mirror.appendChild(marker);
	document.body.appendChild(mirror);
	const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
	const point = {
		top: marker.offsetTop + parseFloat(style.borderTopWidth) - textarea.scrollTop,
		left: marker.offsetLeft + parseFloat(style.borderLeftWidth) - textarea.scrollLeft,
		height: lineHeight
	};
	document.body.removeChild(mirror);
	return point;
}
