import { pinyin } from 'pinyin-pro';
import { normalizeText } from './text.js';

/**
 * Compound (two-character) surnames: the 复姓 of the Hundred Family Surnames
 * plus a few common ones outside it, with traditional forms of the frequent ones.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '宇文', '司徒', '令狐', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '百里',
  '呼延', '万俟', '闻人', '澹台', '公冶', '太史', '申屠', '钟离', '濮阳', '赫连',
  '公羊', '宗政', '淳于', '单于', '太叔', '仲孙', '鲜于', '闾丘', '司空', '亓官',
  '司寇', '子车', '颛孙', '巫马', '公西', '漆雕', '乐正', '壤驷', '公良', '拓跋',
  '夹谷', '宰父', '谷梁', '段干', '东郭', '南门', '羊舌', '微生', '梁丘', '左丘',
  '东门', '第五', '公户', '公玉', '公仪', '公乘', '呼衍', '乌孙', '完颜', '爱新觉罗',
  '歐陽', '司馬', '諸葛', '東方', '尉遲', '公孫', '長孫', '軒轅', '獨孤', '南宮',
  '西門', '鍾離', '鐘離', '澹臺', '聞人', '赫連', '鮮于', '閭丘', '顓孫', '東郭',
]);

// Dots people type between the parts of transliterated minority and foreign names;
// only between Han characters, so "J. Smith" keeps its full stop.
const MIDDLE_DOTS = /(?<=\p{Script=Han})\s*[·•‧・∙⋅．.]\s*(?=\p{Script=Han})/gu;
const HAN = /\p{Script=Han}/u;
const CHINESE_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;

/**
 * Canonical form of a name: normalised text, middle dots unified to U+00B7 and,
 * when the name is Han characters only, spaces removed (a space is never part of a Chinese name).
 */
export function cleanName(name: string): string {
  const s = normalizeText(name).replace(MIDDLE_DOTS, '·');
  const compact = s.replace(/\s+/g, '');
  return CHINESE_NAME.test(compact) ? compact : s;
}

/** Han characters, optionally in ·-separated parts (阿沛·阿旺晋美). */
export function isChineseName(s: string): boolean {
  return CHINESE_NAME.test(cleanName(s));
}

/**
 * Surname-first split of a Chinese name, aware of compound surnames.
 * A single character is a surname on its own.
 * Names written with a middle dot (minority and transliterated names) have no
 * surname in this sense and come back whole as givenName, as does any non-Chinese name.
 */
export function splitChineseName(name: string): { surname: string; givenName: string } {
  return splitClean(cleanName(name));
}

/** splitChineseName of a name cleanName has already cleaned (cleaning twice gives the same). */
function splitClean(s: string): { surname: string; givenName: string } {
  if (!CHINESE_NAME.test(s) || s.includes('·')) return { surname: '', givenName: s };
  const chars = Array.from(s);
  // A lone character is taken as a surname (张 for 张先生/张女士).
  if (chars.length === 1) return { surname: s, givenName: '' };
  // A two-character name is surname + given name even when it spells a compound surname.
  for (const len of [4, 2]) {
    const head = chars.slice(0, len).join('');
    if (chars.length > len && COMPOUND_SURNAMES.has(head)) {
      return { surname: head, givenName: chars.slice(len).join('') };
    }
  }
  return { surname: chars[0]!, givenName: chars.slice(1).join('') };
}

function toPinyin(s: string, surname: boolean): readonly string[] {
  if (!s) return [];
  // pinyin-pro costs tens of µs a call, and names repeat their parts (王, 李, 伟, 秀英): an import of
  // a million customers converts the same few thousand surnames and given names over and over.
  // The reading depends on the whole part (polyphones are read by word), so whole parts are the keys.
  const cache = surname ? SURNAME_READINGS : GIVEN_READINGS;
  let syllables = cache.get(s);
  if (syllables === undefined) {
    syllables = pinyin(s, {
      toneType: 'none',
      type: 'array',
      v: true, // ü as v keeps keys ASCII and sorts 吕 (lv) after 陆 (lu)
      nonZh: 'consecutive',
      ...(surname ? { mode: 'surname' as const } : {}),
    }).filter((p) => p !== '·');
    // Bounded: past the limit the oldest entry goes (Maps iterate in insertion order).
    if (cache.size >= READINGS_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(s, syllables);
  }
  return syllables;
}

/** Readings per surname and per given name, at most READINGS_LIMIT each (a few MB at most). */
const READINGS_LIMIT = 20_000;
const SURNAME_READINGS = new Map<string, readonly string[]>();
const GIVEN_READINGS = new Map<string, readonly string[]>();

function latinKey(s: string): string {
  // ASCII (every pinyin key, most Latin names) has nothing to decompose or strip.
  if (ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Sort key: toneless pinyin syllables separated by spaces for names containing
 * Han characters (surname readings for the surname, so 单 → shan, 曾 → zeng),
 * otherwise the lower-cased name with diacritics stripped.
 */
export function nameSortKey(name: string): string {
  const s = cleanName(name);
  if (!HAN.test(s)) return latinKey(s);
  const { surname, givenName } = splitClean(s);
  const syllables = [...toPinyin(surname, true), ...toPinyin(givenName, false)];
  return latinKey(syllables.join(' ')).replace(/\s+/g, ' ').trim();
}
