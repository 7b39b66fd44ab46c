/**
 * Mentions in a comment: "@stc" names a person by user name, "@LMHTXTP" an agency by its short name.
 * Matching ignores case and diacritics ("@snnmt", "@SNN&MT" is not a handle). An "@" inside a word
 * (an e-mail address) is not a mention.
 */
import { searchKey } from '../../src/lib/core/text.js';

/** At most this many handles are read from one comment (a comment listing everyone is not a broadcast tool). */
export const MAX_MENTIONS = 20;

const HANDLE = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_][\p{L}\p{N}_.-]{0,63})/gu;

/** The handles a text mentions, folded (lower case, no diacritics), each once, in order. */
export function mentionHandles(text: string): string[] {
	const out: string[] = [];
	for (const m of text.normalize('NFC').matchAll(HANDLE)) {
		const handle = searchKey(m[1].replace(/[.-]+$/u, ''));
		if (handle && !out.includes(handle)) out.push(handle);
		if (out.length >= MAX_MENTIONS) break;
	}
	return out;
}

export interface MentionDirectory {
	users: { id: string; username: string; agencyId: string | null }[];
	agencies: { id: string; shortName: string; isCollective: boolean }[];
}

/** Who the handles name: people by user name first, then agencies by short name; collectives are no one. */
export function resolveMentions(handles: string[], dir: MentionDirectory): { userIds: string[]; agencyIds: string[] } {
	const userIds: string[] = [];
	const agencyIds: string[] = [];
	for (const h of handles) {
		const user = dir.users.find((u) => searchKey(u.username) === h);
		if (user) {
			if (!userIds.includes(user.id)) userIds.push(user.id);
			continue;
		}
		const agency = dir.agencies.find((a) => !a.isCollective && searchKey(a.shortName) === h);
		if (agency && !agencyIds.includes(agency.id)) agencyIds.push(agency.id);
	}
	return { userIds, agencyIds };
}
