/**
 * One colour per task-tracking category, the same in every chart and legend. Each is dark enough
 * for white text (≥ 4.5:1) and they stay apart for the common colour-vision deficiencies; charts
 * also label every bar, so colour is never the only cue.
 */
import type { DeadlineCategory } from '../core/categories.js';

export const CATEGORY_COLORS: Record<DeadlineCategory, string> = {
	doneOnTime: '#1f6a35',
	doneLate: '#8a5a00',
	openNotDue: '#1d5fa8',
	openOverdue: '#a3361c'
};
