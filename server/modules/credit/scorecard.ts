import { z } from 'zod';

/**
 * A credit scorecard as data: a base score and factors, each cut into bins that give points and
 * a reason a person can read ("−35: 2 payments over 30 days late in the last 12 months"). A bin
 * holds values from `min` (inclusive) up to `max` (exclusive); an open end is left out.
 */
export const FACTOR_SOURCES = ['age', 'customerYears', 'assets', 'debt', 'latePayments12m', 'overdueDays'] as const;
export type FactorSource = (typeof FACTOR_SOURCES)[number];

const Bin = z.strictObject({
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  points: z.number().int().min(-1000).max(1000),
  reasonZh: z.string().trim().min(1).max(200).describe('{value} is replaced by the factor value'),
  reasonEn: z.string().trim().min(1).max(200),
});
const Factor = z.strictObject({
  key: z.union([z.enum(FACTOR_SOURCES), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,49}$/)]).describe("A built-in factor, or 'custom.<key>' of a number custom field (e.g. monthly income)"),
  labelZh: z.string().trim().min(1).max(50),
  labelEn: z.string().trim().min(1).max(50),
  bins: z.array(Bin).min(1).max(20),
  /** Points when the value is unknown (no birth date, no income given). */
  missingPoints: z.number().int().min(-1000).max(1000).default(0),
});
export const Scorecard = z.strictObject({
  base: z.number().int().min(0).max(2000).default(600),
  min: z.number().int().min(0).default(300),
  max: z.number().int().max(2000).default(900),
  factors: z.array(Factor).max(30),
});
export type Scorecard = z.infer<typeof Scorecard>;

const bin = (min: number | null, max: number | null, points: number, reasonZh: string, reasonEn: string) => ({ min, max, points, reasonZh, reasonEn });

export const DEFAULT_SCORECARD: Scorecard = {
  base: 600,
  min: 300,
  max: 900,
  factors: [
    {
      key: 'age', labelZh: '年龄', labelEn: 'Age', missingPoints: 0,
      bins: [bin(null, 25, -10, '{value} 岁，未满 25 岁', '{value} years old, under 25'), bin(25, 60, 20, '{value} 岁，处于工作年龄', '{value} years old, of working age'), bin(60, null, 0, '{value} 岁', '{value} years old')],
    },
    {
      key: 'customerYears', labelZh: '客户年限', labelEn: 'Years as a customer', missingPoints: 0,
      bins: [bin(null, 1, 0, '新客户', 'New customer'), bin(1, 5, 15, '已是 {value} 年的客户', 'A customer for {value} years'), bin(5, null, 30, '已是 {value} 年的老客户', 'A customer for {value} years: a long relationship')],
    },
    {
      key: 'assets', labelZh: '资产', labelEn: 'Assets', missingPoints: 0,
      bins: [
        bin(null, 10_000, 0, '存款与理财余额 ¥{value}', 'Deposits and investments CN¥{value}'),
        bin(10_000, 100_000, 20, '存款与理财余额 ¥{value}', 'Deposits and investments CN¥{value}'),
        bin(100_000, 1_000_000, 40, '存款与理财余额 ¥{value}', 'Deposits and investments CN¥{value}'),
        bin(1_000_000, null, 60, '存款与理财余额 ¥{value}', 'Deposits and investments CN¥{value}'),
      ],
    },
    {
      key: 'latePayments12m', labelZh: '还款记录', labelEn: 'Repayment history', missingPoints: 0,
      bins: [
        bin(null, 1, 20, '近 12 个月没有逾期 30 天以上的还款', 'No payment over 30 days late in the last 12 months'),
        bin(1, 3, -35, '近 12 个月有 {value} 笔还款逾期 30 天以上', '{value} payments over 30 days late in the last 12 months'),
        bin(3, null, -80, '近 12 个月有 {value} 笔还款逾期 30 天以上', '{value} payments over 30 days late in the last 12 months'),
      ],
    },
    {
      key: 'overdueDays', labelZh: '当前逾期', labelEn: 'Overdue now', missingPoints: 0,
      bins: [
        bin(null, 1, 0, '目前没有逾期', 'Nothing overdue now'),
        bin(1, 31, -20, '目前逾期 {value} 天', 'Overdue for {value} days now'),
        bin(31, 91, -60, '目前逾期 {value} 天', 'Overdue for {value} days now'),
        bin(91, null, -120, '目前逾期 {value} 天（超过 90 天）', 'Overdue for {value} days now (over 90)'),
      ],
    },
  ],
};

export interface FactorResult {
  factor: string;
  labelZh: string;
  labelEn: string;
  value: number | null;
  points: number;
  reasonZh: string;
  reasonEn: string;
}

/** Factors that are amounts in yuan: their {value} is written as the app writes money, to the fen (12,345.60). */
const MONEY_FACTORS: ReadonlySet<string> = new Set<FactorSource>(['assets', 'debt']);
const show = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 }));
const showMoney = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace('-', '\u2212');

/** The automatic score of one customer's factor values, with the points and reason of each factor. */
export function score(card: Scorecard, values: Record<string, number | null>): { automatic: number; explanation: FactorResult[] } {
  const explanation = card.factors.map((f): FactorResult => {
    const value = values[f.key] ?? null;
    const hit = value === null ? undefined : f.bins.find((b) => (b.min === null || b.min === undefined || value >= b.min) && (b.max === null || b.max === undefined || value < b.max));
    if (value === null || !hit) {
      return { factor: f.key, labelZh: f.labelZh, labelEn: f.labelEn, value, points: f.missingPoints, reasonZh: '无数据', reasonEn: 'No data' };
    }
    const shown = MONEY_FACTORS.has(f.key) ? showMoney(value) : show(value);
    const text = (template: string) => template.replaceAll('{value}', shown);
    return { factor: f.key, labelZh: f.labelZh, labelEn: f.labelEn, value, points: hit.points, reasonZh: text(hit.reasonZh), reasonEn: text(hit.reasonEn) };
  });
  const raw = card.base + explanation.reduce((n, e) => n + e.points, 0);
  return { automatic: clamp(card, raw), explanation };
}

export const clamp = (card: Scorecard, value: number) => Math.min(card.max, Math.max(card.min, value));
