import { describe, it, expect } from 'vitest';
import { DEFAULT_SCORECARD, score } from './scorecard.ts';

const reason = (values: Record<string, number | null>, factor: string) => {
  const line = score(DEFAULT_SCORECARD, values).explanation.find((e) => e.factor === factor)!;
  return [line.reasonZh, line.reasonEn];
};

describe('scorecard reasons', () => {
  it('writes amounts in yuan as the app writes money: to the fen, whole yuan or not', () => {
    expect(reason({ assets: 12_345.6 }, 'assets')).toEqual(['存款与理财余额 ¥12,345.60', 'Deposits and investments CN¥12,345.60']);
    expect(reason({ assets: 50_000 }, 'assets')).toEqual(['存款与理财余额 ¥50,000.00', 'Deposits and investments CN¥50,000.00']);
    // A foreign-currency balance in yuan has more decimals than money does.
    expect(reason({ assets: 1_234_567.891 }, 'assets')).toEqual(['存款与理财余额 ¥1,234,567.89', 'Deposits and investments CN¥1,234,567.89']);
    expect(reason({ assets: 0 }, 'assets')).toEqual(['存款与理财余额 ¥0.00', 'Deposits and investments CN¥0.00']);
  });

  it('leaves counts, ages and days as whole numbers', () => {
    expect(reason({ age: 36 }, 'age')).toEqual(['36 岁，处于工作年龄', '36 years old, of working age']);
    expect(reason({ overdueDays: 1_200 }, 'overdueDays')[1]).toBe('Overdue for 1,200 days now (over 90)');
    expect(reason({ latePayments12m: 2 }, 'latePayments12m')[1]).toBe('2 payments over 30 days late in the last 12 months');
  });
});
