/**
 * Mentions in a comment, as the comment box writes them (src/lib/client/mentions.ts): "@" followed by
 * an agency's short name ("@LMHTXTP") or full name, or a person's name as shown ("@Chuyên viên Sở Tài
 * chính"); a user name ("@stc") works too. Matching ignores case and diacritics, prefers the longest
 * name, and needs the name to end where a word ends. An "@" inside a word (an e-mail address) is not
 * a mention. Collectives ("Các sở, ngành, địa phương") name no one answerable and notify nobody.
 */

/** At most this many mentions are read from one comment (a comment naming everyone is not a broadcast tool). */
export const MAX_MENTIONS = 20;

export interface MentionDirectory {
	users: { id: string; username: string; displayName: string; agencyId: string | null }[];
	agencies: { id: string; shortName: string; name: string; isCollective: boolean }[];
}

/** Lower case, no tone marks, đ as d, one space between words: "Hoà"/"Hòa"/"hoa" fold alike. */
export function foldHandle(s: string): string {
	return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ');
}

interface Handle {
	key: string;
	kind: 'user' | 'agency';
	id: string;
}

function handles(dir: MentionDirectory): Handle[] {
	const out: Handle[] = [];
	const add = (name: string, kind: Handle['kind'], id: string) => {
		const key = foldHandle(name.trim());
		if (key && !out.some((h) => h.key === key)) out.push({ key, kind, id });
	};
	// People first: a user name that equals an agency's short name means the person.
	for (const u of dir.users) {
		add(u.username, 'user', u.id);
		add(u.displayName, 'user', u.id);
	}
	for (const a of dir.agencies) {
		if (a.isCollective) continue;
		add(a.shortName, 'agency', a.id);
		add(a.name, 'agency', a.id);
	}
	return out.sort((a, b) => b.key.length - a.key.length);
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Who a comment mentions: people and agencies, each once, in order of first mention. */
export function findMentions(text: string, dir: MentionDirectory): { userIds: string[]; agencyIds: string[] } {
	const userIds: string[] = [];
	const agencyIds: string[] = [];
	const known = handles(dir);
	let found = 0;
	for (let i = text.indexOf('@'); i !== -1 && found < MAX_MENTIONS; i = text.indexOf('@', i + 1)) {
		if (i > 0 && (WORD_CHAR.test(text[i - 1]) || text[i - 1] === '.' || text[i - 1] === '@')) continue;
		// A window long enough for the longest name; folding keeps the text's order.
		const rest = foldHandle(text.slice(i + 1, i + 1 + 200));
		const hit = known.find((h) => rest.startsWith(h.key) && !WORD_CHAR.test(rest.charAt(h.key.length)));
		if (!hit) continue;
		found++;
		const list = hit.kind === 'user' ? userIds : agencyIds;
		if (!list.includes(hit.id)) list.push(hit.id);
	}
	return { userIds, agencyIds };
}
