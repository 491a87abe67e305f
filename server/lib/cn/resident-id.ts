import { compactUpper } from './text.js';

export type ResidentIdResult =
  | { ok: true; value: string; birthDate: string; gender: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: 'format' | 'checksum' | 'birthdate' };

export interface ResidentIdOptions {
  /** Reference time for the "not in the future" rule; defaults to now. */
  now?: Date;
}

// ISO 7064 MOD 11-2 weights (2^(17-i) mod 11) and check characters, GB 11643-1999.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits of a resident ID. */
export function residentIdCheckDigit(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Today's date in China Standard Time (UTC+8, no DST) as YYYY-MM-DD. */
function chinaToday(now: Date): string {
  // Formatted once per day, not once per ID number: an import checks millions within the same day.
  const day = Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000);
  if (day !== todayCache.day) todayCache = { day, iso: new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10) };
  return todayCache.iso;
}
let todayCache = { day: Number.NaN, iso: '' };

function validBirthDate(yyyymmdd: string, now: Date): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  // Day 0 of the next month is the last day of this month.
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return iso <= chinaToday(now) ? iso : null;
}

/**
 * Validates a mainland resident ID number (GB 11643-1999). Accepts full-width
 * digits, a lower-case x and embedded spaces; 15-digit legacy numbers are
 * upgraded to 18 digits (all legacy numbers were issued to people born in 19xx).
 */
export function parseResidentId(input: string, options: ResidentIdOptions = {}): ResidentIdResult {
  const now = options.now ?? new Date();
  const s = compactUpper(input);
  let body17: string;
  if (/^\d{17}[\dX]$/.test(s)) {
    body17 = s.slice(0, 17);
    if (residentIdCheckDigit(body17) !== s[17]) return { ok: false, reason: 'checksum' };
  } else if (/^\d{15}$/.test(s)) {
    body17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  } else {
    return { ok: false, reason: 'format' };
  }
  const birthDate = validBirthDate(body17.slice(6, 14), now);
  if (birthDate === null) return { ok: false, reason: 'birthdate' };
  return {
    ok: true,
    value: body17 + residentIdCheckDigit(body17),
    birthDate,
    gender: Number(body17[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: body17.slice(0, 6),
  };
}
