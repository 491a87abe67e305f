import { toHalfWidth } from './text.js';

export type MobileResult = { ok: true; e164: string } | { ok: false };
export type LandlineResult = { ok: true; value: string } | { ok: false };
export type PhoneResult = { kind: 'mobile'; value: string } | { kind: 'landline'; value: string };

const SEPARATORS = /[\s\-().]+/g; // after toHalfWidth, so （） are already ()

/** Mainland mobile number (1[3-9] + 9 digits) with optional +86 / 0086 / 86 prefix; returns E.164. */
export function parseMobile(input: string): MobileResult {
  const s = toHalfWidth(input).replace(SEPARATORS, '');
  const m = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(s);
  return m ? { ok: true, e164: `+86${m[1]}` } : { ok: false };
}

// 010 and 020–029 are three-digit area codes, every other code is four digits (03xx–09xx).
// A local number never starts with 0 (that would be another trunk prefix).
const LANDLINE = /^(010|02\d|0[3-9]\d{2})([1-9]\d{6,7})$/;

function landlineDigits(digits: string): string | null {
  let d = digits;
  const intl = /^(?:\+86|0086)0?/.exec(d);
  if (intl) d = `0${d.slice(intl[0].length)}`; // "+86 10 …" and "+86 (0)10 …" both mean 010
  const m = LANDLINE.exec(d);
  return m ? `${m[1]}-${m[2]}` : null;
}

/**
 * Mainland fixed-line number, returned as "area-number[-extension]".
 * An extension is recognised after 转 / 分机 / ext / x / #, or as a trailing
 * dash-separated group when the digits before it already form a full number.
 */
export function parseLandline(input: string): LandlineResult {
  let s = toHalfWidth(input).trim();
  let ext: string | undefined;
  const marked = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(s);
  if (marked) {
    ext = marked[1];
    s = s.slice(0, marked.index);
  }
  if (!/^\+?[\d\s\-().]+$/.test(s)) return { ok: false };
  const whole = landlineDigits(s.replace(SEPARATORS, ''));
  if (whole) return { ok: true, value: ext ? `${whole}-${ext}` : whole };
  if (ext === undefined) {
    const tail = /-\s*(\d{1,6})\s*$/.exec(s);
    if (tail) {
      const head = landlineDigits(s.slice(0, tail.index).replace(SEPARATORS, ''));
      if (head) return { ok: true, value: `${head}-${tail[1]}` };
    }
  }
  return { ok: false };
}

/** Mobile first (an 11-digit 1xx number is never a landline), then landline. */
export function parsePhone(input: string): PhoneResult | null {
  const mobile = parseMobile(input);
  if (mobile.ok) return { kind: 'mobile', value: mobile.e164 };
  const landline = parseLandline(input);
  if (landline.ok) return { kind: 'landline', value: landline.value };
  return null;
}

/** '+8613800138000' → '138 0013 8000' (the 3-4-4 grouping used in China); unparseable input is returned unchanged. */
export function formatMobileForDisplay(e164: string): string {
  const r = parseMobile(e164);
  if (!r.ok) return e164;
  const n = r.e164.slice(3);
  return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
}
