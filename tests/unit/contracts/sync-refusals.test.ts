/**
 * The refusals of a board update: codes from one list (src/lib/core/sync-refusal-codes.ts), worded
 * by the browser from one catalogue in Vietnamese and English; whatever else arrives reads as a
 * plain refusal. docs/sync.md lists every code.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	readRefusal,
	REFUSAL_CODES,
	refusalToWire,
	SYNC_REFUSALS,
	UPDATE_RULES,
	type SyncRefusal
} from '../../../src/lib/core/sync-refusal-codes.js';
import { refusalMessage, refusalMessages } from '../../../src/lib/i18n/sync-refusals.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** One refusal of each code the sync server sends (a structural one per rule). */
const EVERY_SYNC_REFUSAL: SyncRefusal[] = SYNC_REFUSALS.flatMap((code): SyncRefusal[] =>
	code === 'update_invalid' ? UPDATE_RULES.map((rule) => ({ code, params: { rule } })) : [{ code }]
);

describe('refusal codes and their catalogue', () => {
	it('every code has a Vietnamese and an English text, both non-empty and different', () => {
		for (const code of REFUSAL_CODES) {
			const vi = refusalMessages.vi[code];
			const en = refusalMessages.en[code];
			expect(vi?.trim(), code).toBeTruthy();
			expect(en?.trim(), code).toBeTruthy();
			expect(vi, code).not.toBe(en);
		}
		expect(Object.keys(refusalMessages.vi).sort()).toEqual([...REFUSAL_CODES, 'refused'].sort());
		expect(Object.keys(refusalMessages.en).sort()).toEqual(Object.keys(refusalMessages.vi).sort());
	});

	it('no two codes share a text in the same language', () => {
		for (const lang of ['vi', 'en'] as const) {
			const texts = Object.values(refusalMessages[lang]);
			expect(new Set(texts).size, lang).toBe(texts.length);
		}
	});

	it('the Vietnamese texts are the sentences the server used to send', () => {
		expect(refusalMessage('vi', 'work_lead_only')).toBe('Chỉ đơn vị chủ trì được cập nhật tiến độ nhiệm vụ');
		expect(refusalMessage('vi', 'update_invalid:overlap')).toBe('Cập nhật không hợp lệ, đã bị từ chối (overlap)');
		expect(refusalMessage('vi', { code: 'roundtrip_choose_agency' })).toBe('Hãy chọn đơn vị đã gửi tệp');
	});

	it('a code on the wire is worded in English, a structural rule in parentheses', () => {
		expect(refusalMessage('en', 'work_lead_only')).toBe('Only the lead agency may update the progress of this task');
		expect(refusalMessage('en', 'update_invalid:overlap')).toBe('The update is invalid and was refused (overlap)');
		expect(refusalMessage('en', { code: 'roundtrip_stale' })).toMatch(/^The task was updated on the board after the preview/);
	});

	it('every refusal the sync server can send survives the wire: `code`, or `update_invalid:<rule>`', () => {
		for (const refusal of EVERY_SYNC_REFUSAL) {
			const wire = refusalToWire(refusal);
			expect(wire).toMatch(/^[a-z_]+(:[a-z_]+)?$/);
			expect(readRefusal(wire)).toEqual(refusal);
			expect(readRefusal(JSON.parse(JSON.stringify(refusal)))).toEqual(refusal);
		}
		expect(refusalToWire({ code: 'update_invalid', params: { rule: 'pending' } })).toBe('update_invalid:pending');
		expect(refusalToWire({ code: 'read_only' })).toBe('read_only');
	});

	it('what is not a known code reads as a plain refusal: an old sentence, a new code, a broken rule, another type', () => {
		for (const sent of [
			'Chỉ đơn vị chủ trì được cập nhật tiến độ nhiệm vụ',
			'Cập nhật không hợp lệ, đã bị từ chối (overlap)',
			'a_code_from_a_newer_server',
			'',
			'update_invalid',
			'update_invalid:',
			'update_invalid:Bad Rule',
			'update_invalid:<script>',
			'constructor',
			'__proto__',
			'toString:x',
			null,
			undefined,
			42,
			{},
			{ code: 'update_invalid' },
			{ code: 'update_invalid', params: { rule: 7 } },
			{ code: 'made_up' },
			['read_only']
		]) {
			expect(readRefusal(sent), JSON.stringify(sent)).toBeNull();
			expect(refusalMessage('en', sent)).toBe('The change was refused');
			expect(refusalMessage('vi', sent)).toBe('Thay đổi bị từ chối');
		}
	});

	it('a rule the browser does not know yet is shown as sent; a parameter on a code without one is ignored', () => {
		expect(refusalMessage('en', 'update_invalid:new_rule')).toBe('The update is invalid and was refused (new_rule)');
		expect(refusalMessage('en', 'read_only:extra')).toBe('This account may only view');
	});

	it('never throws, whatever arrives', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.anything()), (sent) => {
				const text = refusalMessage('en', sent);
				expect(typeof text).toBe('string');
				expect(text.length).toBeGreaterThan(0);
			}),
			{ numRuns: 500 }
		);
	});

	it('docs/sync.md lists every refusal code and every structural rule', () => {
		const docs = fs.readFileSync(path.join(ROOT, 'docs/sync.md'), 'utf8');
		const inTable = (code: string) => new RegExp(`\\|\\s*\`${code}\`\\s*\\|`).test(docs);
		expect([...REFUSAL_CODES, ...UPDATE_RULES].filter((code) => !inTable(code))).toEqual([]);
	});
});
