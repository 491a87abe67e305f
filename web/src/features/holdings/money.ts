const cache = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(locale: string, currency: string, signed: boolean): Intl.NumberFormat | null {
  const key = `${locale}|${currency}|${signed}`;
  if (!cache.has(key)) {
    try {
      cache.set(key, new Intl.NumberFormat(locale, { style: 'currency', currency, signDisplay: signed ? 'exceptZero' : 'auto' }));
    } catch {
      // Not an ISO 4217 code: shown as the number and the code.
      cache.set(key, null);
    }
  }
  return cache.get(key)!;
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** Symbols that several currencies write alone: '$' for the US dollar in English, '¥' for the yen. */
const SHARED_SYMBOLS = new Set(['$', '\uffe5', '\u00a5']);

/**
 * The currency's symbol as Intl writes it in the reader's language, unless it is one that several
 * currencies share: beside the yuan (¥ in Chinese, CN¥ in English), a bare $ or ¥ leaves open whose
 * money it is. Those get the first two letters of their code, as Intl already writes most dollars
 * (US$, HK$, JP¥). The yuan keeps its own.
 */
const symbolFor = (symbol: string, currency: string) => (currency !== 'CNY' && SHARED_SYMBOLS.has(symbol) ? `${currency.slice(0, 2)}${symbol}` : symbol);

/**
 * An exact decimal string from the server (`1234.50`) as money in the reader's language
 * (¥1,234.50 / CN¥1,234.50; US$1,234.50 in both). The string goes to Intl as it is, so no digit is
 * lost to floating point. `sign` shows the amount as a movement: '+' for money in, '-' for money out.
 */
export function formatMoney(amount: string | null | undefined, currency: string, locale: string, sign?: '+' | '-'): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const value = amount.trim();
  if (!DECIMAL.test(value)) return `${value} ${currency}`;
  const unsigned = value.replace(/^[+-]/, '');
  const signed = sign === undefined ? value : sign === '-' ? `-${unsigned}` : unsigned;
  const format = moneyFormat(locale, currency.toUpperCase(), sign !== undefined);
  if (!format) return `${sign === '+' ? '+' : ''}${signed} ${currency}`;
  const parts = format.formatToParts(signed as Intl.StringNumericLiteral);
  // A true minus sign reads better than a hyphen next to the figures.
  return parts.map((part) => (part.type === 'currency' ? symbolFor(part.value, currency.toUpperCase()) : part.type === 'minusSign' ? '\u2212' : part.value)).join('');
}

/**
 * A transaction's amount as a movement, the same on the customer page, the import preview and the
 * quarantine list: +¥500.00 in, −¥500.00 out. The stored amount carries no sign, its direction does;
 * without a direction it is shown as written.
 */
export function formatTransactionAmount(amount: string | null | undefined, currency: string, direction: unknown, locale: string): string {
  const sign = direction === 'credit' ? '+' : direction === 'debit' ? '-' : undefined;
  return formatMoney(amount, currency, locale, sign);
}

/** Whether a decimal string is below zero (an overdrawn balance). */
export const isNegative = (amount: string | null | undefined) => !!amount && amount.trim().startsWith('-') && /[1-9]/.test(amount);

/** An account or card number with all but its last four characters hidden: •••• 1234. */
export function maskAccount(value: string): string {
  const plain = value.replace(/\s+/g, '');
  if (plain.length <= 4) return plain;
  return `\u2022\u2022\u2022\u2022 ${plain.slice(-4)}`;
}

/** The Chinese multipliers written after a number: wan (ten thousand) and yi (a hundred million), as digits to shift the point by. */
const MULTIPLIERS: Record<string, number> = { '\u4e07': 4, '\u4ebf': 8 };

/** Yuan marks before or after an amount: ¥, RMB, CNY and the words for yuan (escaped: no Chinese text in code). */
const YUAN_BEFORE = /^(?:\u00a5|RMB|CNY|\u4eba\u6c11\u5e01)/i;
const YUAN_AFTER = /(?:\u5143|RMB|CNY|\u4eba\u6c11\u5e01)$/i;

/**
 * An amount as typed, as a plain decimal: full-width digits (Chinese input methods) and thousands
 * separators taken out, wan and yi multiplied out by moving the point ('２０，０００．５' → '20000.5',
 * 1.5 wan → '15000'), and in yuan its sign or word (¥5000, 5000 yuan). Anything else is left for
 * the validation to name.
 */
export function plainAmount(value: string, currency = 'CNY'): string {
  let s = value.normalize('NFKC').replace(/[\s,]/g, '');
  // In yuan, its sign or word may stay on the amount: ¥5000, RMB 5000, 5000 yuan.
  if (currency.toUpperCase() === 'CNY') s = s.replace(YUAN_BEFORE, '').replace(YUAN_AFTER, '');
  const scaled = /^(\d*)(?:\.(\d*))?([\u4e07\u4ebf])$/.exec(s);
  if (!scaled || (!scaled[1] && !scaled[2])) return s;
  const shift = MULTIPLIERS[scaled[3]!]!;
  const fraction = (scaled[2] ?? '').padEnd(shift, '0');
  const whole = `${scaled[1]}${fraction.slice(0, shift)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(shift).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}
