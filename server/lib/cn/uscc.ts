import { compactUpper } from './text.js';

export type UsccResult = { ok: true; value: string } | { ok: false; reason: 'format' | 'checksum' };

// GB 32100-2015 character set: digits and upper-case letters without I, O, S, V, Z.
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
// Positions 3–8 hold the registering authority's GB/T 2260 region code, so they are digits.
const FORMAT = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/** Check character for the first 17 characters of a unified social credit code. */
export function usccCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(body17[i]!);
    if (v < 0) throw new RangeError(`invalid character ${body17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Validates a unified social credit code; accepts lower-case, full-width and spaced input. */
export function parseUscc(input: string): UsccResult {
  const s = compactUpper(input);
  if (!FORMAT.test(s)) return { ok: false, reason: 'format' };
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'checksum' };
  return { ok: true, value: s };
}
