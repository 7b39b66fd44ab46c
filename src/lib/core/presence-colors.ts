/**
 * Colours for people on a board: picked from a user's id so everyone sees the same person in the
 * same colour. All are dark enough for white initials (contrast ≥ 4.5:1).
 */
const PALETTE = ['#1f5fa8', '#8a3b12', '#2d6a2f', '#6b3fa0', '#9c1f4a', '#0f6e6e', '#7a5a00', '#3b4a8c', '#a23b2a', '#4d5d12'];

export function presenceColor(userId: string): string {
	let h = 0;
	for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
	return PALETTE[h % PALETTE.length];
}

/**
 * Two letters for an avatar: the last two words of a Vietnamese name ("Nguyễn Văn An" → "VA"); a
 * note in brackets is left out ("Quản trị (Thường trực BCĐ)" → "QT").
 */
export function initials(name: string): string {
	const words = name
		.replace(/\([^)]*\)/g, ' ')
		.replace(/[^\p{L}\p{N}\s]/gu, ' ')
		.trim()
		.split(/\s+/)
		.filter(Boolean);
	if (words.length === 0) return '?';
	const picked = words.length === 1 ? [words[0]] : words.slice(-2);
	return picked.map((w) => w.charAt(0).toLocaleUpperCase('vi')).join('');
}
