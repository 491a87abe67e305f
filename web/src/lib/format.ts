import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  locale: string;
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  number(value: number): string;
  relative(value: string | Date): string;
  /** Items joined the way the interface language joins a list. */
  list(items: string[]): string;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/**
 * Times are shown in China time, whatever the reader's computer is set to: the server files the
 * days of holdings, exports and backups in China time, and imports read times without an offset
 * as China time, so a file's 10:15 stays 10:15 on every screen.
 */
export const APP_TIME_ZONE = 'Asia/Shanghai';

/** Dates and numbers in the interface language (Intl), times in China time. */
export function formatters(locale: string): Formatters {
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: APP_TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: APP_TIME_ZONE,
  });
  const number = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });
  return {
    locale,
    date: (value) => (value ? date.format(toDate(value)) : ''),
    dateTime: (value) => (value ? dateTime.format(toDate(value)) : ''),
    number: (value) => number.format(value),
    list: (items) => list.format(items),
    relative(value) {
      const seconds = (toDate(value).getTime() - Date.now()) / 1000;
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['second', 60],
        ['minute', 60],
        ['hour', 24],
        ['day', 30],
        ['month', 12],
        ['year', Infinity],
      ];
      let amount = seconds;
      for (const [unit, size] of steps) {
        if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
        amount /= size;
      }
      return dateTime.format(toDate(value));
    },
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formatters(i18n.language), [i18n.language]);
}

/** A date-only value (YYYY-MM-DD) from the server, shown by locale without a time-zone shift. */
export function formatDay(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y, m, d] = match;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))),
  );
}

const CN_MOBILE = /^(?:\+86)?(1\d{2})(\d{4})(\d{4})$/;

/**
 * A mainland mobile as people read it aloud: +8613800138000 → 138 0013 8000. Anything else
 * (a foreign number, a masked 138****8000) is shown as it is.
 */
export function formatMobile(value: string | null | undefined): string {
  if (!value) return '';
  const match = CN_MOBILE.exec(value);
  return match ? `${match[1]} ${match[2]} ${match[3]}` : value;
}

/** A tel: link for a number that can be dialled (E.164 or plain digits); none for masked values. */
export function telHref(value: string | null | undefined): string | undefined {
  if (!value || !/^\+?\d[\d\s-]{4,}$/.test(value)) return undefined;
  return `tel:${value.replace(/[\s-]/g, '')}`;
}

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
