/** Full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space (U+3000) to ASCII. */
export function toHalfWidth(s: string): string {
  // Same mapping NFKC applies to these code points, without NFKC's other rewrites (①→1, ™→TM …).
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** NFC, half-width, trimmed, inner whitespace runs collapsed to one space. */
export function normalizeText(s: string): string {
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
  return s
    .normalize('NFC')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g, (ch) =>
      ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
    )
    .trim()
    .replace(/\s+/g, ' ');
}
