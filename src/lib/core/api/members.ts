/** The committee's members over HTTP (GET /api/members, PUT /api/members/:id): the answer's shape and the edit's schema. */
import * as v from 'valibot';
import { cleanText } from './text.js';

export const MEMBER_LIMITS = { name: 200, position: 300, areas: 200, area: 100 } as const;

/** A member of the steering committee and the communes the member follows (GET /api/members). */
export interface CommitteeMember {
	id: string;
	planId: string;
	planTitle: string;
	stt: string;
	name: string;
	position: string;
	areas: string[];
	/** The organization's agency read from the position, or null. */
	agencyId: string | null;
}

/** PUT /api/members/:id: the fields given are changed; areas are trimmed, empty ones dropped, repeats merged. */
export const MemberUpdateBody = v.object({
	name: v.optional(v.pipe(cleanText(), v.minLength(2, 'member_name_length'), v.maxLength(MEMBER_LIMITS.name, 'member_name_length'))),
	position: v.optional(v.pipe(cleanText(), v.maxLength(MEMBER_LIMITS.position, 'position_too_long'))),
	areas: v.optional(
		v.pipe(
			v.array(v.pipe(cleanText(), v.maxLength(MEMBER_LIMITS.area, 'area_too_long')), 'bad_areas'),
			v.maxLength(MEMBER_LIMITS.areas, 'bad_areas'),
			v.transform((areas) => [...new Set(areas.filter(Boolean))])
		)
	)
});
