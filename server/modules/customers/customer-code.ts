export const CODE_PATTERN_SETTING = 'customer.codePattern';
/** C + year + 8-digit sequence, e.g. C202600000042. */
export const DEFAULT_CODE_PATTERN = 'C{yyyy}{seq:8}';

const TOKEN = /\{(yyyy|yy|mm|dd|type|seq(?::(\d{1,2}))?)\}/g;

/**
 * Customer codes from an admin-defined pattern. Tokens: {yyyy} {yy} {mm} {dd}, {type}
 * (P for a person, O for an organisation) and {seq:N} (the sequence, zero-padded to N digits).
 * Anything else is copied literally. A pattern must contain {seq} so codes stay unique.
 */
export function formatCode(pattern: string, v: { seq: number; kind: 'individual' | 'organization'; date: Date }): string {
  const y = String(v.date.getUTCFullYear());
  return pattern.replace(TOKEN, (_, token: string, width?: string) => {
    switch (token) {
      case 'yyyy':
        return y;
      case 'yy':
        return y.slice(2);
      case 'mm':
        return String(v.date.getUTCMonth() + 1).padStart(2, '0');
      case 'dd':
        return String(v.date.getUTCDate()).padStart(2, '0');
      case 'type':
        return v.kind === 'organization' ? 'O' : 'P';
      default:
        return String(v.seq).padStart(Number(width ?? 1), '0');
    }
  });
}

export function isValidCodePattern(pattern: string): boolean {
  return /\{seq(:\d{1,2})?\}/.test(pattern) && /^[A-Za-z0-9{}:_-]{1,40}$/.test(pattern);
}
