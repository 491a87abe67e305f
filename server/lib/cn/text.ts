/** Full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space (U+3000) to ASCII. */
export function toHalfWidth(s: string): string {
  // Same mapping NFKC applies to these code points, without NFKC's other rewrites (①→1, ™→TM …).
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Text both normalisers below leave as it is: printable ASCII, CJK ideographs (which have no
 * decomposition and compose with nothing) and the middle dot, single spaces only inside. Most cells
 * of an import are such text; the test is far cheaper than NFC and three regular expressions.
 */
const SETTLED = /^[!-~\u00B7\u3400-\u4DBF\u4E00-\u9FFF](?:[ !-~\u00B7\u3400-\u4DBF\u4E00-\u9FFF]*[!-~\u00B7\u3400-\u4DBF\u4E00-\u9FFF])?$/;
const settled = (s: string): boolean => SETTLED.test(s) && !s.includes('  ');

/** NFC, half-width, trimmed, inner whitespace runs collapsed to one space. */
export function normalizeText(s: string): string {
  if (settled(s)) return s;
  return toHalfWidth(s.normalize('NFC')).trim().replace(/\s+/g, ' ');
}

/** Half-width, upper-case, all whitespace removed: the shape identifiers are checked in. */
export function compactUpper(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '').toUpperCase();
}

/**
 * NFC, full-width letters, digits and spaces to half-width, trimmed, whitespace collapsed — but
 * full-width punctuation kept: （） and ，are correct in Chinese names and addresses and are part
 * of a company's registered name.
 */
export function tidyText(s: string): string {
  if (settled(s)) return s;
  return s
    .normalize('NFC')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g, (ch) =>
      ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
    )
    .trim()
    .replace(/\s+/g, ' ');
}
