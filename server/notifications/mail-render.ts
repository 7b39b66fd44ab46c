/**
 * The e-mails: Vietnamese subject and body, as plain text and HTML, every task a link that opens its
 * card, and a link to change how notifications arrive. Pure functions of what they are given.
 */
import { formatDate, formatDateTime } from '../../src/lib/core/dates.js';

export interface CardLink {
	code: string;
	title: string;
	url: string;
}

export interface MailEntry {
	kind: string;
	title: string;
	body: string;
	boardTitle: string | null;
	createdAt: string;
	cards: CardLink[];
}

export interface DigestAgency {
	name: string;
	overdue: (CardLink & { due: string })[];
	dueSoon: (CardLink & { due: string })[];
}

export interface RenderedMail {
	subject: string;
	text: string;
	html: string;
}

export const KIND_LABELS: Record<string, string> = {
	mention: 'Được nhắc đến',
	handler: 'Được giao xử lý',
	reminder: 'Đôn đốc',
	comment: 'Bình luận mới',
	'follow-up': 'Kết luận phiên rà soát',
	'due-soon': 'Còn 7 ngày đến hạn',
	'due-tomorrow': 'Đến hạn ngày mai',
	overdue: 'Quá hạn'
};

const PREFIX = '[Phối hợp]';

function esc(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function oneLine(s: string, max = 150): string {
	const t = s.replace(/\s+/g, ' ').trim();
	return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function footer(prefsUrl: string): { text: string; html: string } {
	return {
		text: `--\nThư gửi tự động từ Phối hợp. Thay đổi cách nhận thông báo (ngay, trong bản tin hằng ngày hoặc không nhận): ${prefsUrl}`,
		html: `<hr><p style="color:#555;font-size:13px">Thư gửi tự động từ Phối hợp. <a href="${esc(prefsUrl)}">Thay đổi cách nhận thông báo</a> (ngay, trong bản tin hằng ngày hoặc không nhận).</p>`
	};
}

function entryText(e: MailEntry): string {
	return [
		`■ ${KIND_LABELS[e.kind] ?? 'Thông báo'}: ${e.title}`,
		`  ${formatDateTime(e.createdAt)}${e.boardTitle ? ` · ${e.boardTitle}` : ''}`,
		...e.body.split('\n').map((l) => `  ${l}`),
		...e.cards.map((c) => `  → ${c.code}. ${oneLine(c.title, 100)}: ${c.url}`)
	].join('\n');
}

function entryHtml(e: MailEntry): string {
	const cards = e.cards.length
		? `<ul>${e.cards.map((c) => `<li><a href="${esc(c.url)}">${esc(c.code)}</a>. ${esc(oneLine(c.title, 100))}</li>`).join('')}</ul>`
		: '';
	return `<div style="margin:0 0 16px"><p style="margin:0"><strong>${esc(KIND_LABELS[e.kind] ?? 'Thông báo')}:</strong> ${esc(e.title)}</p>
<p style="margin:0;color:#555;font-size:13px">${esc(formatDateTime(e.createdAt))}${e.boardTitle ? ` · ${esc(e.boardTitle)}` : ''}</p>
<p style="margin:4px 0;white-space:pre-line">${esc(e.body)}</p>${cards}</div>`;
}

function page(title: string, inner: string): string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.45">${inner}</body></html>`;
}

/** One e-mail for the events of a few minutes. */
export function renderImmediate(entries: MailEntry[], prefsUrl: string): RenderedMail {
	const subject = entries.length === 1 ? `${PREFIX} ${oneLine(entries[0].title)}` : `${PREFIX} ${entries.length} thông báo mới`;
	const f = footer(prefsUrl);
	return {
		subject,
		text: [...entries.map(entryText), '', f.text].join('\n\n'),
		html: page(subject, entries.map(entryHtml).join('') + f.html)
	};
}

/** The 07:30 digest: per agency what is overdue and what falls due within 7 days, then the day's notifications. */
export function renderDigest(day: string, agencies: DigestAgency[], entries: MailEntry[], prefsUrl: string): RenderedMail {
	const overdue = agencies.reduce((n, a) => n + a.overdue.length, 0);
	const soon = agencies.reduce((n, a) => n + a.dueSoon.length, 0);
	const subject = `${PREFIX} Bản tin ngày ${formatDate(day)}: ${overdue} nhiệm vụ quá hạn, ${soon} nhiệm vụ đến hạn trong 7 ngày`;
	const textParts: string[] = [`Bản tin ngày ${formatDate(day)}`];
	const htmlParts: string[] = [`<h1 style="font-size:20px">Bản tin ngày ${esc(formatDate(day))}</h1>`];
	const taskText = (t: CardLink & { due: string }) => `  - ${t.code}. ${oneLine(t.title, 100)} (hạn ${formatDate(t.due)}): ${t.url}`;
	const taskHtml = (t: CardLink & { due: string }) =>
		`<li><a href="${esc(t.url)}">${esc(t.code)}</a>. ${esc(oneLine(t.title, 100))} — hạn ${esc(formatDate(t.due))}</li>`;
	for (const a of agencies) {
		textParts.push(
			[
				`${a.name}`,
				`Quá hạn (${a.overdue.length}):`,
				...(a.overdue.length ? a.overdue.map(taskText) : ['  (không có)']),
				`Đến hạn trong 7 ngày (${a.dueSoon.length}):`,
				...(a.dueSoon.length ? a.dueSoon.map(taskText) : ['  (không có)'])
			].join('\n')
		);
		htmlParts.push(
			`<h2 style="font-size:17px">${esc(a.name)}</h2><p><strong>Quá hạn (${a.overdue.length})</strong></p>${
				a.overdue.length ? `<ul>${a.overdue.map(taskHtml).join('')}</ul>` : '<p>(không có)</p>'
			}<p><strong>Đến hạn trong 7 ngày (${a.dueSoon.length})</strong></p>${a.dueSoon.length ? `<ul>${a.dueSoon.map(taskHtml).join('')}</ul>` : '<p>(không có)</p>'}`
		);
	}
	if (entries.length) {
		textParts.push(`Thông báo trong ngày (${entries.length}):\n\n${entries.map(entryText).join('\n\n')}`);
		htmlParts.push(`<h2 style="font-size:17px">Thông báo trong ngày (${entries.length})</h2>${entries.map(entryHtml).join('')}`);
	}
	const f = footer(prefsUrl);
	return { subject, text: [...textParts, f.text].join('\n\n'), html: page(subject, htmlParts.join('') + f.html) };
}
