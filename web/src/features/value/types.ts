import type { Rule } from '../tags/types.ts';

/** Shapes of the customer value API (server/modules/value); amounts arrive as exact decimal strings. */

export interface ValueTier {
  key: string;
  minContribution: number;
}

/** Age bands × income bands → tier. Bounds begin the next band; cells[ageBand][incomeBand] is a tier key or null. */
export interface TierMatrix {
  /** 'custom.<key>' of a number custom field, or 'assets' (deposits and investments). */
  incomeSource: string;
  ageBounds: number[];
  incomeBounds: number[];
  cells: (string | null)[][];
}

/** Rules in the rule language of tags and segments; null = nobody. */
export interface Classification {
  key: Rule | null;
  potential: Rule | null;
  vip: Rule | null;
}

export interface ClvSettings {
  horizonMonths: number;
  /** Yearly, a fraction. */
  discountRate: number;
  valueShare: number;
  historyDays: number;
  minCustomers: number;
}

/** The formula: shares are fractions (0.015 = 1.5 %). */
export interface ValueSettings {
  windowDays: number;
  holdingRates: Record<string, number>;
  transactionRate: number;
  tiers: ValueTier[];
  paretoShare: number;
  matrix: TierMatrix;
  classification: Classification;
  clv: ClvSettings;
}

export const CUSTOMER_CLASSES = ['key', 'potential', 'ordinary'] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];

/** How the last run estimated lifetime value, with the fitted parameters. */
export interface ClvRun {
  method: 'bgnbd_gamma_gamma' | 'historical';
  reason?: 'few_customers' | 'few_repeat_customers' | 'no_fit';
  customers: number;
  repeatCustomers: number;
  fittedOn: number;
  bgnbd?: { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean };
  gammaGamma?: { p: number; q: number; gamma: number; logLikelihood: number; converged: boolean };
  horizonMonths: number;
  discountRate: number;
  valueShare: number;
}

/** A classification rule the last run could not apply. */
export interface RuleProblem {
  rule: string;
  field: string;
  code: string;
}

export interface RecomputeResult {
  customers: number;
  scored: number;
  core: number;
  vip: number;
  clvMethod: ClvRun['method'];
  ms: number;
}

/** Customers and contribution of one RFM segment or tier; key null = none. */
export interface ValueGroup {
  key: string | null;
  customers: number;
  contribution: string | null;
  clv: string | null;
}

export interface ValueSummary {
  bySegment: ValueGroup[];
  byTier: ValueGroup[];
  /** Stages new, rising, peak, declining, dormant; null: no purchases in three years. */
  byLifecycle: ValueGroup[];
  byMatrixTier: ValueGroup[];
  byClass: ValueGroup[];
  /** key 'true' or 'false' */
  byVip: ValueGroup[];
  pareto: { customers: number; core: number; coreContribution: string | null; contribution: string | null };
  clv: { total: string | null; customers: number; run: ClvRun | null; problems: RuleProblem[] };
}

export interface CustomerValueNow {
  recencyDays: number | null;
  frequency: number;
  monetary: string;
  r: number | null;
  f: number | null;
  m: number | null;
  rfmSegment: string | null;
  contribution: string;
  contributionRank: number | null;
  paretoCore: boolean;
  tier: string | null;
  lifecycle: string | null;
  /** Spending of the last 90 days against the 90 before, in percent. */
  trend: string | null;
  matrixTier: string | null;
  customerClass: CustomerClass | null;
  vip: boolean;
  clv: string | null;
  expectedPurchases: string | null;
  pAlive: string | null;
  computedAt: string;
}

export interface CustomerValueDay {
  /** YYYY-MM-DD */
  computedOn: string;
  rfmSegment: string | null;
  contribution: string;
  tier: string | null;
  paretoCore: boolean;
  matrixTier: string | null;
  customerClass: string | null;
  vip: boolean;
  clv: string | null;
}

export interface CustomerValue {
  current: CustomerValueNow | null;
  /** Newest first, at most 24 days. */
  history: CustomerValueDay[];
}
