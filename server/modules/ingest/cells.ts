import { isCurrencyCode } from '#lib/currency.ts';
import { impossibleDate, parseAmount, parseLooseDate, parseLooseDateTime, tidyText, type Amount } from '#lib/cn/index.ts';
import type { MessageKey } from '#platform/i18n/index.ts';

/** A problem with one value of one row, reported under the file's own column name. */
export interface RowError {
  rowNo: number;
  column: string | null;
  value: string | null;
  message: MessageKey;
  params?: Record<string, unknown>;
}

/** A cell as trimmed, NFC, half-width text (dates from Excel as ISO dates); null when empty. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  let raw = String(value);
  // '=… '+… '-… '@…: an export's guard against a spreadsheet running the cell (ours, and most
  // systems'); the value is what follows the apostrophe, so a corrected report imports cleanly.
  if (raw.charCodeAt(0) === 39 && ESCAPED_FORMULA.test(raw)) raw = raw.slice(1);
  // Most cells (ids, codes, amounts, dates) are plain ASCII with nothing to tidy: skip the normalising.
  if (PLAIN.test(raw) && !raw.includes('  ')) return raw;
  const text = tidyText(raw);
  return text === '' ? null : text;
}

const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

/** Printable ASCII, no space at either end. */
const PLAIN = /^[!-~](?:[ -~]*[!-~])?$/;

/** What a cell holds as the field's kind needs it, or the message saying why it cannot. */
export type Read<T> = { ok: true; value: T | null } | { ok: false; message: MessageKey; params?: Record<string, unknown> };

export function readDate(value: unknown): Read<string> {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  const date = parseLooseDate(value instanceof Date || typeof value === 'number' ? value : String(value));
  return date ? { ok: true, value: date } : notADate(value, 'import.row.date_format');
}

/** Why a cell is not a date: a date the calendar lacks is named, anything else gets the formats read. */
function notADate(value: unknown, otherwise: MessageKey): Read<never> {
  const missing = typeof value === 'string' ? impossibleDate(value) : null;
  return missing ? { ok: false, message: 'import.row.no_such_date', params: { date: missing } } : { ok: false, message: otherwise };
}

export function readDateTime(value: unknown): Read<string> {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  const moment = parseLooseDateTime(value instanceof Date || typeof value === 'number' ? value : String(value));
  return moment ? { ok: true, value: moment } : notADate(value, 'import.row.datetime_format');
}

export function readAmount(value: unknown): Read<Amount> {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  const amount = parseAmount(typeof value === 'number' ? value : String(value));
  if (!amount) return { ok: false, message: 'field.amount' };
  // numeric(20, 2): 18 digits before the point; more decimals are rounded by the database.
  return amount.value.replace(/^-/, '').split('.')[0]!.length > 18 ? { ok: false, message: 'field.amount' } : { ok: true, value: amount };
}

/** A coded value through its word list (男 → male); the code itself is accepted too. */
export function readCode(value: unknown, words: Record<string, string> | undefined): Read<string> {
  const text = cellText(value);
  if (text === null) return { ok: true, value: null };
  const code = words?.[text.toLowerCase()] ?? words?.[text];
  return code ? { ok: true, value: code } : { ok: false, message: 'import.row.unknown_value', params: { accepted: acceptedWords(words) } };
}

/** A currency: a name the words know (人民币, 美元, 港币 …) or any ISO 4217 code (CHF, AUD …). */
export function readCurrency(value: unknown, words: Record<string, string> | undefined): Read<string> {
  const known = readCode(value, words);
  if (known.ok) return known;
  const code = cellText(value)!.toUpperCase();
  return isCurrencyCode(code) ? { ok: true, value: code } : { ok: false, message: 'import.row.unknown_currency', params: { accepted: acceptedWords(words) } };
}

const accepted = new WeakMap<Record<string, string>, string>();
/**
 * What a coded field takes, for the error report: each code once, with the first Chinese word
 * that means it ("存款 (deposit), 贷款 (loan), …"), as files carry either.
 */
function acceptedWords(words: Record<string, string> | undefined): string {
  if (!words) return '';
  let text = accepted.get(words);
  if (text === undefined) {
    const byCode = new Map<string, string | null>();
    for (const [word, code] of Object.entries(words)) {
      if (!byCode.has(code)) byCode.set(code, null);
      if (byCode.get(code) === null && /\p{Script=Han}/u.test(word)) byCode.set(code, word);
    }
    text = [...byCode].map(([code, word]) => (word ? `${word} (${code})` : code)).join(', ');
    accepted.set(words, text);
  }
  return text;
}

/** Text shown in an error report: long values cut, so a report never grows larger than its file. */
export const shown = (value: unknown): string | null => {
  const text = cellText(value);
  return text === null ? null : text.length > 200 ? `${text.slice(0, 200)}…` : text;
};
