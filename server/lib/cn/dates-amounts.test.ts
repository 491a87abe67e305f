import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGeneralDateTime } from './dates.js';
import { compareDecimals, DecimalSum, excelSerialToDate, impossibleDate, isIsoDate, parseAmount, parseLooseDate, parseLooseDateTime } from './index.js';

/** What isIsoDate replaced: a round trip through Date. */
function isIsoDateByRoundTrip(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || s.startsWith('0000')) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

describe('parseLooseDateTime fast path', () => {
  it('gives what the general path gives for YYYY-MM-DD HH:MM:SS, valid or not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/), (s) => parseLooseDateTime(s) === parseGeneralDateTime(s)),
      { numRuns: 2000 },
    );
    for (const s of ['2024-02-29 23:59:59', '2023-02-29 10:00:00', '2024-01-05 24:00:00', '2024-01-05 13:60:00', '2024-01-05 13:45:60', '0000-01-01 00:00:00']) {
      expect(parseLooseDateTime(s), s).toBe(parseGeneralDateTime(s));
    }
    expect(parseLooseDateTime('2024-01-05 13:45:00')).toBe('2024-01-05T13:45:00.000+08:00');
  });
});

describe('isIsoDate', () => {
  it('agrees with a Date round trip on every day number of sampled years, valid or not', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let checked = 0;
    for (const y of [0, 1, 4, 99, 100, 400, 1582, 1600, 1900, 1999, 2000, 2023, 2024, 2100, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isIsoDate(s), s).toBe(isIsoDateByRoundTrip(s));
          checked++;
        }
      }
    }
    expect(checked).toBe(15 * 14 * 33);
  });

  it.each(['2024-1-05', '2024-01-5', '2024/01/05', '20240105', ' 2024-01-05', '2024-01-05 ', '２０２４-01-05', '2024-0a-05', '', '2024-02-29x'])('refuses %j', (s) =>
    expect(isIsoDate(s)).toBe(false),
  );

  it('agrees with the round trip on arbitrary strings of the right shape', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/), (s) => isIsoDate(s) === isIsoDateByRoundTrip(s)));
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['2024-01-05', '2024-01-05'],
    ['2024/1/5', '2024-01-05'],
    ['2024.1.5', '2024-01-05'],
    ['2024年1月5日', '2024-01-05'],
    ['2024年01月05号', '2024-01-05'],
    ['２０２４年１月５日', '2024-01-05'],
    ['20240105', '2024-01-05'],
    ['2024-01-05 13:45:00', '2024-01-05'],
    ['2024-01-05T13:45:00Z', '2024-01-05'],
    ['45296', '2024-01-05'],
    [45296, '2024-01-05'],
    [' 2024 年 1 月 5 日 ', '2024-01-05'],
  ])('%s → %s', (input, expected) => expect(parseLooseDate(input)).toBe(expected));

  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '20241301', 'yesterday', '', '1/5/2024', '0', '-1'])('refuses %s', (input) =>
    expect(parseLooseDate(input)).toBeNull(),
  );

  it('reads Excel serials as Excel does (1 = 1900-01-01, 61 = 1900-03-01)', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(2_958_465)).toBe('9999-12-31');
    expect(excelSerialToDate(2_958_466)).toBeNull();
  });

  it('agrees with itself across every written form of any real date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const serial = Math.round((Date.UTC(y, m - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
        for (const form of [iso, `${y}/${m}/${day}`, `${y}年${m}月${day}日`, iso.replace(/-/g, ''), String(serial)]) {
          expect(parseLooseDate(form)).toBe(iso);
        }
      }),
    );
  });
});

describe('parseLooseDateTime', () => {
  it('reads times in China time unless an offset is given', () => {
    expect(parseLooseDateTime('2024/1/5 9:05')).toBe('2024-01-05T09:05:00.000+08:00');
    expect(parseLooseDateTime('2024年1月5日 14时30分05秒')).toBe('2024-01-05T14:30:05.000+08:00');
    expect(parseLooseDateTime('2024-01-05T14:30:05.123Z')).toBe('2024-01-05T14:30:05.123Z');
    expect(parseLooseDateTime('2024-01-05 14:30:05+0000')).toBe('2024-01-05T14:30:05.000+00:00');
    expect(parseLooseDateTime('20240105')).toBe('2024-01-05T00:00:00+08:00');
    expect(parseLooseDateTime(45296.5)).toBe('2024-01-05T12:00:00+08:00');
    expect(parseLooseDateTime('2024-01-05 25:00')).toBeNull();
  });

  it('reads 14时30分 without seconds, and never turns a time it cannot read into midnight', () => {
    expect(parseLooseDateTime('2024年1月5日 14时30分')).toBe('2024-01-05T14:30:00.000+08:00');
    for (const unreadable of ['2024-01-05 14:30 下午', '2024-01-05 14:30:xx', '2024/1/5 9点']) expect(parseLooseDateTime(unreadable), unreadable).toBeNull();
  });
});

describe('impossibleDate', () => {
  it('names a date the calendar lacks, written in a date\'s shape', () => {
    expect(impossibleDate('2024年13月45日')).toBe('2024-13-45');
    expect(impossibleDate('２０２３０２２９')).toBe('2023-02-29');
    expect(impossibleDate('2023/2/29 10:00')).toBe('2023-02-29');
    for (const other of ['2024-02-29', '05/01/2024', 'abc', '45296']) expect(impossibleDate(other), other).toBeNull();
  });
});

describe('parseAmount', () => {
  it.each([
    ['1234.50', '1234.5', null],
    ['1,234.50', '1234.5', null],
    ['１，２３４．５０', '1234.5', null],
    ['¥1,234.50', '1234.5', 'CNY'],
    ['￥ 88', '88', 'CNY'],
    ['-¥12.00', '-12', 'CNY'],
    ['RMB 1,000', '1000', 'CNY'],
    ['1000元', '1000', 'CNY'],
    ['US$99.99', '99.99', 'USD'],
    ['(1,234.00)', '-1234', null],
    ['1234-', '-1234', null],
    ['1.5万', '15000', null],
    ['2亿', '200000000', null],
    ['0.000001', '0.000001', null],
    ['007', '7', null],
    ['-0', '0', null],
  ])('%s → %s %s', (input, value, currency) => expect(parseAmount(input)).toEqual({ value, currency }));

  it.each([
    ['+12.50', '12.5'],
    ['-0.00', '0'],
    ['-0', '0'],
    ['007', '7'],
    ['0012.3400', '12.34'],
    ['-12.50', '-12.5'],
    ['99999999999999999999.99', '99999999999999999999.99'],
  ])('plain number %s → %s (the fast path)', (input, value) => expect(parseAmount(input)).toEqual({ value, currency: null }));
  it.each(['', 'abc', '1,23', '1.2.3', '¥', '12,34,567', '--5', '1e5', '=1+1'])('refuses %s', (input) => expect(parseAmount(input)).toBeNull());

  it('keeps every cent: the decimal string equals the input without separators', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        const text = `${grouped}.${String(cents).padStart(2, '0')}`;
        const expected = `${whole}.${String(cents).padStart(2, '0')}`.replace(/\.?0+$/, '').replace(/^$/, '0');
        expect(parseAmount(text)?.value).toBe(cents === 0 && whole === 0n ? '0' : expected);
      }),
    );
  });

  it('takes spreadsheet numbers without float noise', () => {
    expect(parseAmount(0.1 + 0.2)).toEqual({ value: '0.3', currency: null });
    expect(parseAmount(Number.NaN)).toBeNull();
  });
});

describe('DecimalSum and compareDecimals', () => {
  it('adds amounts exactly, where floats would drift', () => {
    const sum = new DecimalSum();
    for (let i = 0; i < 1000; i++) sum.add('0.1');
    expect(sum.toString()).toBe('100.00');
    expect(new DecimalSum().add('-1234.5').add('1000').add('0.005').toString()).toBe('-234.495');
    expect(new DecimalSum().toString()).toBe('0.00');
    expect(new DecimalSum().add('-0.10').add('0.1').toString(0)).toBe('0');
  });

  it('compares by value, whatever the trailing zeros', () => {
    expect(compareDecimals('1234.5', '1234.50')).toBe(0);
    expect(compareDecimals('-1', '0.99')).toBe(-1);
    expect(compareDecimals('100000000000000000.01', '100000000000000000')).toBe(1);
  });

  it('sums like a big-number reference for any amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), { maxLength: 50 }), (cents) => {
        const sum = new DecimalSum();
        for (const c of cents) sum.add(`${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`);
        const total = cents.reduce((a, b) => a + b, 0n);
        const abs = total < 0n ? -total : total;
        expect(compareDecimals(sum.toString(), `${total < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`)).toBe(0);
      }),
    );
  });
});
