/**
 * How the label palette (board-schema.ts LABEL_COLORS) is drawn: a light background with dark text
 * of the same hue (contrast above 4.5:1) and a stronger dot, so a label reads without its colour too.
 */
import type { LabelColor } from '../core/board-schema.js';

export const LABEL_STYLE: Record<LabelColor, { bg: string; fg: string; dot: string }> = {
	red: { bg: '#fde7e6', fg: '#8c1d18', dot: '#d93025' },
	orange: { bg: '#feecdc', fg: '#8a3a00', dot: '#e8710a' },
	yellow: { bg: '#fef7d6', fg: '#6b5200', dot: '#c99a00' },
	green: { bg: '#e3f4e8', fg: '#14532d', dot: '#1e8e3e' },
	teal: { bg: '#dcf3f1', fg: '#0d4f4a', dot: '#12867d' },
	blue: { bg: '#e2ecfd', fg: '#153e8a', dot: '#1a73e8' },
	purple: { bg: '#efe6fb', fg: '#4a1f86', dot: '#8430ce' },
	gray: { bg: '#eceff1', fg: '#37474f', dot: '#78909c' }
};

export function labelStyle(color: string): { bg: string; fg: string; dot: string } {
	return LABEL_STYLE[color as LabelColor] ?? LABEL_STYLE.gray;
}
