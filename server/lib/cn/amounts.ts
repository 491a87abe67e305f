import { toHalfWidth } from './text.js';

export interface Amount {
  /** A plain decimal string ('-1234.50'), never a float, so no cent is lost on the way to `numeric`. */
  value: string;
  /** ISO 4217 code when the text named the currency (¥, 元, RMB, US$ …). */
  currency: string | null;
}

const CURRENCY_MARKS: [RegExp, string][] = [
  [/^(?:RMB|CNY|人民币)|(?:RMB|CNY|元|人民币)$/i, 'CNY'],
  [/^(?:US\$|USD)|(?:USD|美元)$/i, 'USD'],
  [/^(?:HK\$|HKD)|(?:HKD|港元|港币)$/i, 'HKD'],
  [/^(?:EUR|€)|(?:EUR|欧元)$/i, 'EUR'],
  [/^[¥￥]/, 'CNY'],
  [/^\$/, 'USD'],
];

const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * A money amount as Chinese files write it: thousands separators (1,234.50 and 1，234.50),
 * currency signs and words (¥, ￥, RMB, 元, US$), full-width digits, a trailing or leading minus,
 * accounting parentheses for negatives, and 万 / 亿 multipliers (1.5万 = 15000).
 * Null when it is not a number.
 */
export function parseAmount(input: string | number | null | undefined): Amount | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') {
    const value = Number.isFinite(input) ? decimalString(input) : '';
    return /^-?\d+(\.\d+)?$/.test(value) ? { value, currency: null } : null;
  }
  // Most amounts are plain ASCII numbers ('-12.50'), for which the tidying and the currency marks
  // below change nothing: skip them (an import reads millions).
  const plain = PLAIN_NUMBER.test(input);
  let s = plain ? input : toHalfWidth(input.normalize('NFC')).replace(/[\s\u00A0]/g, '');
  if (!s) return null;
  let negative = false;
  if (!plain && /^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  let currency: string | null = null;
  for (const [mark, code] of plain ? [] : CURRENCY_MARKS) {
    if (mark.test(s)) {
      currency = code;
      s = s.replace(mark, '');
      break;
    }
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.startsWith('+')) s = s.slice(1);
  // A currency sign may follow the minus: -¥12.00
  if (!currency && /^[¥￥$]/.test(s)) {
    currency = s.startsWith('$') ? 'USD' : 'CNY';
    s = s.slice(1);
  }
  let scale = 0;
  if (s.endsWith('万')) {
    scale = 4;
    s = s.slice(0, -1);
  } else if (s.endsWith('亿')) {
    scale = 8;
    s = s.slice(0, -1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$/.test(s)) return null;
  const [whole = '0', fraction = ''] = s.replace(/,/g, '').split('.');
  const digits = (whole || '0') + fraction.padEnd(scale, '0');
  const point = (whole || '0').length + scale;
  let intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fracPart = digits.slice(point).replace(/0+$/, '');
  if (!intPart) intPart = '0';
  const value = fracPart ? `${intPart}.${fracPart}` : intPart;
  return { value: negative && value !== '0' ? `-${value}` : value, currency };
}

function decimalString(n: number): string {
  // Numbers from spreadsheets: at most 15 significant digits are real; trim float noise.
  return String(Number(n.toPrecision(15)));
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Whether text is a plain decimal number ('-1234.50', '0', '12.5'), as control totals are written. */
export const isDecimal = (text: string): boolean => DECIMAL.test(text);

/**
 * An exact running sum of decimal strings (amounts as parseAmount gives them), with BigInt: adding
 * a million amounts loses no cent, as adding floats would.
 */
export class DecimalSum {
  private units = 0n;
  private scale = 0;

  add(value: string): this {
    const m = DECIMAL.exec(value);
    if (!m) throw new Error(`not a decimal: ${value}`);
    const fraction = m[3] ?? '';
    if (fraction.length > this.scale) {
      this.units *= 10n ** BigInt(fraction.length - this.scale);
      this.scale = fraction.length;
    }
    const units = BigInt(m[2]! + fraction.padEnd(this.scale, '0'));
    this.units += m[1] === '-' ? -units : units;
    return this;
  }

  /** The sum with at least `minScale` decimals ('1234.50'); trailing zeros beyond that are dropped. */
  toString(minScale = 2): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    let fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    fraction = fraction.padEnd(minScale, '0');
    const text = fraction ? `${whole}.${fraction}` : whole;
    return negative ? `-${text}` : text;
  }
}

/** Compares two decimal strings exactly: '1234.5' equals '1234.50'. Negative, zero or positive, as a sort function wants. */
export function compareDecimals(a: string, b: string): number {
  const difference = new DecimalSum().add(a);
  const m = DECIMAL.exec(b);
  if (!m) throw new Error(`not a decimal: ${b}`);
  difference.add(m[1] === '-' ? `${m[2]}${m[3] ? `.${m[3]}` : ''}` : `-${m[2]}${m[3] ? `.${m[3]}` : ''}`);
  const text = difference.toString(0);
  return text === '0' ? 0 : text.startsWith('-') ? -1 : 1;
}
