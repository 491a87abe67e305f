import { toHalfWidth } from './text.js';

/** Day 0 of Excel's 1900 date system for serials from 61 on; below 60 it is one day later. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in month m (1–12) of year y, Gregorian calendar (also before 1582, as ISO 8601 counts). */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The value of the digit at i, or -1. */
const digitAt = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * Whether s is a real calendar day written YYYY-MM-DD (years 0001–9999). Arithmetic instead of a
 * Date round trip: it runs for every birth date of an import (about 3 µs a row the other way).
 */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const d = digitAt(s, i);
    if (d < 0) return false;
    y = y * 10 + d;
  }
  const m1 = digitAt(s, 5), m2 = digitAt(s, 6), d1 = digitAt(s, 8), d2 = digitAt(s, 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return false;
  return validDate(y, m1 * 10 + m2, d1 * 10 + d2) !== null;
}

/** An Excel serial day number (1 = 1900-01-01) as an ISO date; fractions (times) are dropped. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const day = Math.floor(serial);
  // Excel counts a 29 February 1900 that never was (serial 60): earlier serials sit one day later.
  if (day === 60) return null;
  const t = new Date(EXCEL_EPOCH_UTC + (day < 60 ? day + 1 : day) * MS_PER_DAY);
  return validDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{1,7}(\.\d+)?$/;

/**
 * A calendar date as Chinese files write it, to ISO 'YYYY-MM-DD': 2024-01-05, 2024/1/5, 2024.1.5,
 * 2024年1月5日, 20240105, full-width digits, an Excel serial day (45296), or a Date. A time part
 * after the date is ignored. Null when it is not a real date (2023-02-29, 2024-13-01).
 */
export function parseLooseDate(input: string | number | Date | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : validDate(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  if (typeof input === 'number') return excelSerialToDate(input);
  const s = toHalfWidth(input.normalize('NFC')).trim();
  if (!s) return null;
  const datePart = datePartOf(s);
  let m = YMD.exec(datePart);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(datePart);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (SERIAL.test(datePart)) return excelSerialToDate(Number(datePart));
  return null;
}

/** The date of a text without a time after it (2024年1月5号 14:30 → 2024年1月5日). */
const datePartOf = (s: string) => s.replace(/(\s+|T)\d{1,2}[:时].*$/, '').replace(/[号]$/, '日');

/**
 * The date a text writes in a date's shape but the calendar lacks, as YYYY-MM-DD
 * (2024年13月45日 → 2024-13-45, 20230229 → 2023-02-29); null for any other text. An error can then
 * say which date does not exist instead of asking for another format.
 */
export function impossibleDate(input: string): string | null {
  const part = datePartOf(toHalfWidth(input.normalize('NFC')).trim());
  const m = YMD.exec(part) ?? COMPACT.exec(part);
  if (!m || validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

const TIME = /(?:\s+|T)(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})?(?:\.(\d{1,3})\d*)?秒?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A moment: a date as parseLooseDate reads it with an optional time (14:30, 14:30:05, 14时30分)
 * and offset. Without an offset the time is read in `defaultOffset` (China: +08:00).
 * Excel serials keep their fraction of a day. Returns an ISO string with offset, or null.
 */
export function parseLooseDateTime(input: string | number | Date | null | undefined, defaultOffset = '+08:00'): string | null {
  // Most files of a business system write 2024-01-05 13:45:00: read it without the general path.
  if (typeof input === 'string' && input.length === 19) {
    const m = PLAIN_DATE_TIME.exec(input);
    if (m) {
      const [, y, mo, d, h, mi, se] = m as unknown as string[];
      if (!validDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return null;
      return `${y}-${mo}-${d}T${h}:${mi}:${se}.000${defaultOffset}`;
    }
  }
  return parseGeneralDateTime(input, defaultOffset);
}

const PLAIN_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** parseLooseDateTime without its fast path (exported for the test that compares the two). */
export function parseGeneralDateTime(input: string | number | Date | null | undefined, defaultOffset = '+08:00'): string | null {
  if (input === null || input === undefined) return null;
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : input.toISOString();
  if (typeof input === 'number' || SERIAL.test(String(input).trim())) {
    const serial = Number(input);
    const date = excelSerialToDate(serial);
    if (!date) return null;
    const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
    return `${date}T${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${defaultOffset}`;
  }
  const s = toHalfWidth(input.normalize('NFC')).trim();
  const date = parseLooseDate(s);
  if (!date) return null;
  const time = TIME.exec(s);
  // A date alone is midnight; a time that cannot be read is an error, never midnight.
  if (!time) return datePartOf(s) === s ? `${date}T00:00:00${defaultOffset}` : null;
  const [h, mi, se, ms] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0), time[4] ?? '0'];
  if (h > 23 || mi > 59 || se > 59) return null;
  const offset = time[5] === undefined ? defaultOffset : time[5] === 'Z' ? 'Z' : time[5].includes(':') ? time[5] : `${time[5].slice(0, 3)}:${time[5].slice(3)}`;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(se)}.${ms.padEnd(3, '0')}${offset}`;
}

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** A moment as 2024-01-05 10:15:00 on China's clocks, as files and screens write it. */
export function formatChinaTime(at: Date | string): string {
  return CHINA_TIME.format(typeof at === 'string' ? new Date(at) : at);
}
