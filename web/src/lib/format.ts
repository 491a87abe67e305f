import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  locale: string;
  /** 2024-01-05: a date-only value as it is, a moment by its day in China time. */
  date(value: string | Date | null | undefined): string;
  /** 2024-01-05 10:00, China time. */
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

/*
 * Dates are written year first, 2024-01-05 and 2024-01-05 10:00 (24-hour clock), in every interface
 * language: clerks check them against the business systems' files, which write them so, and
 * 01/05/2024 reads as 5 January or 1 May depending on who reads it. The date inputs (DayInput) show
 * and take the same form.
 */

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The year, month, day, hour and minute of a moment on the clocks of a time zone (two digits each but the year). */
function zonedParts(date: Date, timeZone: string): Record<string, string> {
  let format = partsFormats.get(timeZone);
  if (!format) {
    // en-US with h23 only because its parts are plain ASCII digits; the order is ours, not the locale's.
    format = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    partsFormats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const validDate = (value: string | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** A moment as 2024-01-05 10:00 on the clocks of `timeZone` (China time unless a source runs on another). */
export function formatDateTimeIn(value: string | Date | null | undefined, timeZone: string = APP_TIME_ZONE): string {
  if (!value) return '';
  const date = validDate(value);
  if (!date) return String(value);
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A day as 2024-01-05: a date-only value (YYYY-MM-DD) as it is, without a time-zone shift; a moment by its day in China time. */
function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && DAY_ONLY.test(value)) return value;
  const date = validDate(value);
  if (!date) return String(value);
  const p = zonedParts(date, APP_TIME_ZONE);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Dates year first in China time (above); numbers, lists and relative times in the interface language (Intl). */
export function formatters(locale: string): Formatters {
  const number = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });
  return {
    locale,
    date: formatDate,
    dateTime: (value) => formatDateTimeIn(value),
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
      return formatDateTimeIn(value);
    },
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formatters(i18n.language), [i18n.language]);
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
