import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { COMPOUND_SURNAMES, nameSortKey, splitChineseName } from './index.js';
import { normalizeText, toHalfWidth, tidyText } from './text.js';
import { parseResidentId } from './resident-id.js';

/**
 * nameSortKey as it was before its readings were cached, calling pinyin-pro every time: the cached
 * one must give the same key for every name, the first time and every time after.
 */
function uncachedSortKey(name: string): string {
  const s = normalizeText(name).replace(/(?<=\p{Script=Han})\s*[·•‧・∙⋅．.]\s*(?=\p{Script=Han})/gu, '·');
  const compact = s.replace(/\s+/g, '');
  const clean = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u.test(compact) ? compact : s;
  const latin = (t: string) => t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (!/\p{Script=Han}/u.test(clean)) return latin(clean);
  const { surname, givenName } = splitChineseName(clean);
  const read = (t: string, asSurname: boolean) =>
    t ? pinyin(t, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive', ...(asSurname ? { mode: 'surname' as const } : {}) }).filter((p) => p !== '·') : [];
  return latin([...read(surname, true), ...read(givenName, false)].join(' '))
    .replace(/\s+/g, ' ')
    .trim();
}

// Polyphones read differently as surnames (单 曾 解 仇 区 查 朴 盖 华 任 乐 尉迟 万俟) and inside words
// (长乐 重庆 行长 音乐), rare and supplementary-plane characters, traditional forms, dotted minority
// names, Latin and mixed names, full-width text and stray spaces.
const SAMPLE = [
  '张三丰', '单田芳', '田单', '曾国藩', '曾曾', '解缙', '解解', '仇英', '区家麟', '查良镛', '朴槿惠', '盖聂', '华罗庚', '任正非', '乐嘉',
  '尉迟恭', '万俟卨', '欧阳娜娜', '歐陽修', '司马光', '诸葛亮', '上官婉儿', '爱新觉罗玄烨', '司马', '长乐', '王长乐', '李重庆', '陈行长',
  '刘音乐', '张乐乐', '吕布', '陆游', '女娲', '褚遂良', '㐂㐂', '王𪚥', '𠀀', '赵䶮', '龘', '嘉靖', '买买提·艾力', '阿沛·阿旺晋美', '买买提 . 艾力',
  '扎西•多吉', 'Zoë  MÜLLER', 'García', 'John Smith', '张 三丰', ' 王 伟 ', 'Ｌｉ Ｌｅｉ', '王ABC', 'Li 伟', '王伟2', '王・伟', '单',
];

describe('nameSortKey with cached readings', () => {
  it('gives the uncached key for every sample name, cold and warm, in any order', () => {
    const expected = SAMPLE.map(uncachedSortKey);
    expect(SAMPLE.map(nameSortKey)).toEqual(expected);
    expect(SAMPLE.map(nameSortKey)).toEqual(expected);
    expect([...SAMPLE].reverse().map(nameSortKey)).toEqual([...expected].reverse());
  });

  it('reads a part the same whether it was first seen as a surname or as a given name', () => {
    // 单 as a surname is shan, as a given name dan: the two readings are cached apart.
    for (const name of ['单单', '田单', '单田', '曾曾', '王曾', '曾王', '解解', '李解']) expect(nameSortKey(name)).toBe(uncachedSortKey(name));
  });

  it('stays right past its size limit (the oldest readings are dropped, not mixed up)', () => {
    const chars = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉建国文辉鑫宇浩晨欣怡佳俊子涵梓轩雨萱思博嘉瑞琳婷慧长乐重行单曾解朴查区仇盖'];
    const surnames = [...COMPOUND_SURNAMES].slice(0, 12);
    const names: string[] = [];
    for (const a of chars) for (const b of chars) for (const c of chars.slice(0, 9)) names.push(`王${a}${b}${c}`);
    expect(names.length).toBeGreaterThan(20_000);
    for (const name of names) nameSortKey(name);
    const probes = [...names.slice(0, 50), ...names.slice(-50), ...surnames.map((s) => `${s}长乐`)];
    expect(probes.map(nameSortKey)).toEqual(probes.map(uncachedSortKey));
  }, 60_000);
});

describe('parseResidentId across days', () => {
  it('judges "born in the future" by the day of each call', () => {
    const id = (body17: string) => {
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += Number(body17[i]) * w[i]!;
      return body17 + '10X98765432'.charAt(sum % 11);
    };
    const bornJan2 = id('11010520260102001');
    // 2026-01-01 23:59 and 2026-01-02 00:00 in China (UTC+8), then back: each call sees its own day.
    const before = new Date('2026-01-01T15:59:00Z');
    const after = new Date('2026-01-01T16:00:00Z');
    expect(parseResidentId(bornJan2, { now: before })).toEqual({ ok: false, reason: 'birthdate' });
    expect(parseResidentId(bornJan2, { now: after })).toMatchObject({ ok: true, birthDate: '2026-01-02' });
    expect(parseResidentId(bornJan2, { now: before })).toEqual({ ok: false, reason: 'birthdate' });
  });
});

describe('tidyText / normalizeText skip text that is already tidy', () => {
  // The normalisers as they were before the fast path.
  const slowTidy = (s: string) =>
    s.normalize('NFC').replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0))).trim().replace(/\s+/g, ' ');
  const slowNormalize = (s: string) => toHalfWidth(s.normalize('NFC')).trim().replace(/\s+/g, ' ');
  const pieces = ['a', 'Z', '0', ' ', '  ', '\t', '\n', '\u00A0', '\u3000', '·', '\u0387', '张', '張', '㐂', '𪚥', '\u4DBF', '\u9FFF', 'Ａ', '１', '（', '，', 'é', 'e\u0301', '\uF900', '~'];

  it('gives what the full normalisation gives, for any mix of ASCII, Han, full-width, spaces and combining marks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 10 }), (parts) => {
        const s = parts.join('');
        expect(tidyText(s)).toBe(slowTidy(s));
        expect(normalizeText(s)).toBe(slowNormalize(s));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives the same for every BMP character between two Han characters', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const s = `王${String.fromCharCode(c)}伟`;
      if (tidyText(s) !== slowTidy(s) || normalizeText(s) !== slowNormalize(s)) expect(c.toString(16)).toBe('no difference');
    }
  });
});
