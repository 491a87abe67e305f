import { toHalfWidth } from './text.js';

// Bracketed parts are qualifiers (（北京）, (中国), 【旗舰店】, （有限合伙）) and dropped.
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|〖[^〖〗]*〗/g;

// English legal forms, matched as whole trailing words ("Tesco" keeps its "co").
const LATIN_SUFFIX =
  /(?:^|[\s,.&]+)(?:co|company|ltd|limited|inc|incorporated|llc|corp|corporation|plc)[\s,.]*$/;

// Chinese legal forms, longest first. 集团 is kept: a group parent and its
// operating company are different customers. The 公司 of 分公司 is not a legal form.
const CN_LEGAL_FORM = /股份有限公司|有限责任公司|有限公司|股份公司|(?<!分)公司/;

/**
 * Removes the first legal form that follows the name proper, whether it ends the
 * name (腾讯科技有限公司) or precedes a branch (腾讯科技有限公司北京分公司 →
 * 腾讯科技北京分公司, 平安银行股份有限公司深圳分行 → 平安银行深圳分行), so a
 * branch stays distinct from its parent.
 */
function stripCnLegalForm(s: string): string {
  const m = CN_LEGAL_FORM.exec(s);
  if (!m || m.index === 0) return s;
  return s.slice(0, m.index) + s.slice(m.index + m[0].length);
}

/**
 * Key for duplicate detection of company names: NFC, half-width, lower-case,
 * bracketed qualifiers dropped, legal-form suffixes (有限公司, Co., Ltd. …)
 * dropped, whitespace and punctuation removed. Region prefixes such as 北京 are kept.
 */
export function normalizeCompanyName(name: string): string {
  let s = toHalfWidth(name.normalize('NFC')).toLowerCase();
  let prev: string;
  do {
    prev = s;
    s = s.replace(BRACKETED, ' ');
  } while (s !== prev);
  s = s.trim();
  for (let m = LATIN_SUFFIX.exec(s); m && m.index > 0; m = LATIN_SUFFIX.exec(s)) {
    s = s.slice(0, m.index).trim();
  }
  const compact = s.replace(/[\s\p{P}\p{S}]+/gu, '');
  return stripCnLegalForm(compact);
}
