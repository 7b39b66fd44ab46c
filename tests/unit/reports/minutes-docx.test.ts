import { describe, expect, it } from 'vitest';
import { minutesDocx } from '../../../server/reviews/minutes-docx.js';
import type { ReviewItem, ReviewSession } from '../../../src/lib/review/review-types.js';
import { documentXml } from './docx-xml.js';

const item = (n: number): ReviewItem => ({
	id: `i${n}`,
	cardId: `c${n}`,
	position: n,
	bucket: 'due',
	agencyId: 'stc',
	agencyName: 'Sở Tài chính',
	code: `I.${n}`,
	title: 'Tham mưu UBND thành phố ban hành Kế hoạch phát triển kinh tế tập thể, hợp tác xã năm 2026 và tổ chức triển khai thực hiện',
	statusBefore: 'doing',
	conclusion: 'Đề nghị hoàn thành trong Quý III.',
	decision: 'doing',
	followUp: 'Tổng hợp ý kiến',
	followUpAgencyId: 'stc',
	followUpAgencyName: 'Sở Tài chính',
	followUpDue: '2026-09-30',
	elapsedMs: 60_000,
	recordedAt: '2026-06-20T03:00:00.000Z',
	recordedBy: 'u1'
});

const session: ReviewSession = {
	id: 'r1',
	boardId: 'b1',
	boardTitle: 'Phụ lục I',
	year: 2026,
	quarter: 2,
	title: 'Rà soát Quý II/2026',
	status: 'closed',
	facilitatorId: 'u1',
	facilitatorName: 'Thư ký cuộc họp',
	controllerId: 'u1',
	controllerName: 'Thư ký cuộc họp',
	currentItemId: null,
	currentSince: null,
	asOf: '2026-06-20',
	createdAt: '2026-06-20T02:00:00.000Z',
	startedAt: '2026-06-20T02:00:00.000Z',
	closedAt: '2026-06-20T04:00:00.000Z',
	snapshotId: null,
	items: Array.from({ length: 12 }, (_, n) => item(n + 1)),
	attendees: [{ userId: 'u1', name: 'Thư ký cuộc họp', role: 'facilitator', agencyName: 'Sở Tài chính' } as ReviewSession['attendees'][number]],
	serverNow: '2026-06-20T04:00:00.000Z'
};

const plan = { id: 'p1', number: null, docType: null, title: 'Kế hoạch', issuer: null, place: 'Cần Thơ', date: null, year: 2026 };

/** The width (in fiftieths of a percent or twips, as written) of each grid column of the first table with a "Nhiệm vụ" header. */
function headerWidths(xml: string): number[] {
	const table = xml
		.split('<w:tbl>')
		.slice(1)
		.find((t) => t.includes('Nhiệm vụ</w:t>'))!;
	const header = table.match(/<w:tr\b[\s\S]*?<\/w:tr>/)![0];
	return [...header.matchAll(/<w:tcW w:type="pct" w:w="([\d.]+)%?"/g)].map((m) => Number(m[1]));
}

describe('the minutes DOCX', () => {
	it('the task column is the widest of the conclusions table, a third of its width', async () => {
		const widths = headerWidths(documentXml(await minutesDocx(session, plan, null)));
		expect(widths).toHaveLength(6);
		expect(Math.max(...widths)).toBe(widths[1]);
		expect(widths[1] / widths.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(0.32);
	});

	it('the signature block is one row that cannot split, and the closing line keeps with it', async () => {
		const xml = documentXml(await minutesDocx(session, plan, null));
		const last = xml.split('<w:tbl>').at(-1)!;
		expect(last).toContain('THƯ KÝ');
		expect(last).toMatch(/<w:cantSplit\/>/);
		const closing = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes('Phiên họp kết thúc'));
		expect(closing).toMatch(/<w:keepNext\/>/);
	});
});
