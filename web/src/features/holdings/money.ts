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

/**
 * An exact decimal string from the server (`1234.50`) as money in the reader's language
 * (¥1,234.50 / CN¥1,234.50). The string goes to Intl as it is, so no digit is lost to floating point.
 * `sign` shows the amount as a movement: '+' for money in, '-' for money out.
 */
export function formatMoney(amount: string | null | undefined, currency: string, locale: string, sign?: '+' | '-'): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const value = amount.trim();
  if (!DECIMAL.test(value)) return `${value} ${currency}`;
  const unsigned = value.replace(/^[+-]/, '');
  const signed = sign === undefined ? value : sign === '-' ? `-${unsigned}` : unsigned;
  const format = moneyFormat(locale, currency.toUpperCase(), sign !== undefined);
  if (!format) return `${sign === '+' ? '+' : ''}${signed} ${currency}`;
  // A true minus sign reads better than a hyphen next to the figures.
  return format.format(signed as Intl.StringNumericLiteral).replace('-', '\u2212');
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

/** An amount as typed, full-width digits (Chinese input methods) and thousands separators taken out: '２０，０００．５' → '20000.5'. */
export const plainAmount = (value: string) => value.normalize('NFKC').replace(/[\s,]/g, '');
