import * as Y from 'yjs';
import type { ParsedPlan, ParsedTask } from '../../src/lib/core/parsed-plan.js';
import { initBoardDoc } from '../../src/lib/core/board-doc.js';

const AGENCIES = ['Sở Tài chính', 'Sở Nông nghiệp và Môi trường', 'Liên minh Hợp tác xã thành phố', 'Sở Công Thương', 'Sở Nội vụ'];

/** A plan with one appendix of n tasks over five sections, shaped like the real ones. */
export function syntheticPlan(n: number): ParsedPlan {
	const codes = ['I', 'II', 'III', 'IV', 'V'];
	const sections = codes.map((code) => ({ code, title: `Nhóm nhiệm vụ ${code}`, tasks: [] as ParsedTask[] }));
	for (let i = 0; i < n; i++) {
		const s = sections[i % sections.length];
		const lead = AGENCIES[i % AGENCIES.length];
		s.tasks.push({
			stt: String(s.tasks.length + 1),
			title: `Nhiệm vụ số ${i + 1}: triển khai hỗ trợ hợp tác xã, tổ hợp tác trên địa bàn thành phố`,
			lead: [lead],
			support: ['Các sở, ngành, địa phương'],
			leadRaw: lead,
			supportRaw: 'Các sở, ngành, địa phương',
			output: null,
			deadline: {
				raw: `Quý ${['I', 'II', 'III', 'IV'][i % 4]}/2026`,
				kind: 'quarter',
				due: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'][i % 4]
			}
		});
	}
	return {
		plan: { number: null, docType: 'Kế hoạch', title: `Kế hoạch thử tải ${n} nhiệm vụ`, issuer: null, place: null, date: null, year: 2026 },
		appendices: [{ kind: 'tasks', title: 'Phụ lục', derived: false, sections }],
		indicators: [],
		reports: [],
		warnings: []
	};
}

/**
 * The board document of `syntheticPlan(n)`, as a Yjs update: what a server that does not import plans
 * (Hocuspocus, y-websocket) is given, so that every server in a bench holds the same board.
 */
export function syntheticBoardState(n: number): Uint8Array {
	const plan = syntheticPlan(n);
	const doc = new Y.Doc();
	const appendix = plan.appendices[0];
	if (appendix.kind !== 'tasks') throw new Error('unexpected plan');
	const sections = appendix.sections.map((s, i) => ({ id: `s${i}`, code: s.code, title: s.title }));
	const cards = appendix.sections.flatMap((s, i) =>
		s.tasks.map((t) => ({ code: `${s.code}.${t.stt}`, sectionId: `s${i}`, title: t.title, lead: [], support: [], deadline: t.deadline }))
	);
	initBoardDoc(doc, { title: plan.plan.title, planId: 'bench', appendix: 'Phụ lục' }, sections, cards);
	return Y.encodeStateAsUpdate(doc);
}
