import { APP_TIME_ZONE } from '../../lib/format.ts';

/*
 * Dates of accounts, transactions and imports are written year first, 2024-01-05 and 2024-01-05 10:00,
 * in every interface language: these are the dates a clerk checks against the business system's file,
 * and 01/05/2024 reads as 5 January or 1 May depending on who reads it. Times are China time, as on
 * every other screen (APP_TIME_ZONE).
 */

const PARTS = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: APP_TIME_ZONE,
});

function chinaParts(value: string | Date): Record<string, string> | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(PARTS.formatToParts(date).map((part) => [part.type, part.value]));
}

/** A moment as 2024-01-05 10:00 (China time). */
export function isoDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = chinaParts(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : String(value);
}

/** A day as 2024-01-05: a date-only value (YYYY-MM-DD) as it is, a moment by its day in China time. */
export function isoDay(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = chinaParts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : String(value);
}
