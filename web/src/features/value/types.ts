/** Shapes of the customer value API (server/modules/value); amounts arrive as exact decimal strings. */

export interface ValueTier {
  key: string;
  minContribution: number;
}

/** The formula: shares are fractions (0.015 = 1.5 %). */
export interface ValueSettings {
  windowDays: number;
  holdingRates: Record<string, number>;
  transactionRate: number;
  tiers: ValueTier[];
  paretoShare: number;
}

export interface RecomputeResult {
  customers: number;
  scored: number;
  core: number;
  ms: number;
}

/** Customers and contribution of one RFM segment or tier; key null = none. */
export interface ValueGroup {
  key: string | null;
  customers: number;
  contribution: string | null;
}

export interface ValueSummary {
  bySegment: ValueGroup[];
  byTier: ValueGroup[];
  pareto: { customers: number; core: number; coreContribution: string | null; contribution: string | null };
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
  computedAt: string;
}

export interface CustomerValueDay {
  /** YYYY-MM-DD */
  computedOn: string;
  rfmSegment: string | null;
  contribution: string;
  tier: string | null;
  paretoCore: boolean;
}

export interface CustomerValue {
  current: CustomerValueNow | null;
  /** Newest first, at most 24 days. */
  history: CustomerValueDay[];
}
