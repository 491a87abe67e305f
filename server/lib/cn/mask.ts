import { parseMobile } from './phone.js';
import { cleanName, splitChineseName } from './names.js';
import { compactUpper, normalizeText } from './text.js';

/** Keeps `head` leading and `tail` trailing characters; too-short input is masked whole. */
function keepEnds(s: string, head: number, tail: number): string {
  const chars = Array.from(s);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** '11010519491231002X' → '110105********002X': region code and the last four (sequence + check) stay visible. */
export function maskIdNumber(id: string): string {
  return keepEnds(compactUpper(id), 6, 4);
}

/** Any accepted mobile form → national number with the middle four hidden: '138****8000'. */
export function maskMobile(mobile: string): string {
  const r = parseMobile(mobile);
  if (r.ok) return keepEnds(r.e164.slice(3), 3, 4);
  // Not a mobile we recognise: reveal the last four characters only of a phone-length string.
  const s = compactUpper(mobile);
  return keepEnds(s, 0, s.length >= 8 ? 4 : 0);
}

/** 'zhang.san@example.com' → 'z***@example.com': first character of the local part, fixed-width stars. */
export function maskEmail(email: string): string {
  const s = normalizeText(email);
  const at = s.lastIndexOf('@');
  if (at < 0) return keepEnds(s, 1, 0);
  const first = Array.from(s.slice(0, at))[0] ?? '';
  return `${first}***${s.slice(at)}`;
}

/** '91350100M000100Y43' → '9135**********0Y43': authority, type and province stay visible. */
export function maskUscc(code: string): string {
  return keepEnds(compactUpper(code), 4, 4);
}

/**
 * Chinese names keep the (possibly compound) surname and star each given-name
 * character: '张三丰' → '张**', '欧阳娜娜' → '欧阳**'. Names without a surname
 * (middle-dot names, single characters) keep their first character and the dots.
 * Latin names keep the initial of each word: 'John Smith' → 'J*** S****'.
 */
export function maskName(name: string): string {
  const s = cleanName(name);
  const star = (part: string): string => '*'.repeat(Array.from(part).length);
  const { surname, givenName } = splitChineseName(s);
  if (surname) return surname + star(givenName);
  if (/\p{Script=Han}/u.test(s)) {
    const [first = '', ...rest] = Array.from(s);
    return first + rest.map((c) => (c === '·' ? c : '*')).join('');
  }
  return s.replace(/\p{L}[\p{L}\p{M}'’]*/gu, (word) => {
    const [first = '', ...rest] = Array.from(word);
    return first + '*'.repeat(rest.length);
  });
}
